/**
 * Runs the named actions a chart step returned (CompiledMachine.edgeActions) with the engine's
 * implementations. An action the chart names and the engine does not implement at that step is
 * an engine bug, so it throws, naming the machine and the action: a chart edit that adds an
 * action cannot be silently ignored.
 */
export function runChartActions(
  machineId: string,
  names: readonly string[],
  impls: Readonly<Record<string, () => void>>,
): void {
  for (const name of names) {
    const f = impls[name];
    if (!f) throw new Error(`${machineId}: chart action ${name} has no engine implementation here`);
    f();
  }
}
