// One JSON call to a bintwin route with a bearer token, for tests and scripts that drive the
// server as a trainer or admin would (the training routes, /healthz). Shared so the server
// tests, the browser e2e files and the screenshot script fail the same, readable way.

/** Calls `method path` on `base` with `token`; the parsed JSON body, or an error naming the route, status and body. */
export async function authedJson(
  base: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
