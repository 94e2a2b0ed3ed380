/** Vite's `?raw` suffix imports a file's text; tests use it to read conformance data without node:fs. */
declare module '*?raw' {
  const text: string;
  export default text;
}
