import { createInterface } from "node:readline";

/**
 * Asks for a password on an interactive terminal without echoing it; resolves "" when the operator just
 * presses Enter (the caller then generates one). Not interactive → "" at once, so scripts never hang.
 */
export function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) return Promise.resolve("");
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // readline echoes through _writeToOutput; muting it after the question keeps typed characters off screen.
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    muted._writeToOutput = () => {};
  });
}
