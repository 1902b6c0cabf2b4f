/**
 * Whether Ctrl-C (or SIGTERM) arrived. The CLI's own handler removes the sandboxes
 * and exits 130; meanwhile a grading cut short must not be saved as a result that a
 * resumed batch would keep.
 */
export interface Interruption {
  readonly interrupted: boolean;
  dispose(): void;
}

export function watchInterruption(): Interruption {
  const state = { interrupted: false };
  const onSignal = () => (state.interrupted = true);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    get interrupted() {
      return state.interrupted;
    },
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
