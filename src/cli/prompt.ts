import { createInterface } from 'node:readline/promises';

/** Asks for a secret on the terminal without echoing it. Refuses when stdin is not a terminal. */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for the password on; pass --password or use a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  output._writeToOutput = (s: string) => {
    // Print the question once, then nothing of what is typed.
    if (!asked) process.stderr.write(s);
    asked = true;
  };
  try {
    return await rl.question(question);
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
