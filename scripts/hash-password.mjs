#!/usr/bin/env node
// Prints a bcrypt hash for a staff password read from stdin, for STAFF_USERS=user:<hash>.
// Usage: npm run hash-password            (asks for the password, not echoed)
//        printf '%s' "$PASSWORD" | npm run -s hash-password
import bcrypt from 'bcryptjs';
import { createInterface } from 'node:readline';

const COST = 12;

async function readPassword() {
  if (!process.stdin.isTTY) {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  process.stderr.write('Mot de passe (non affiché) : ');
  const rl = createInterface({ input: process.stdin, terminal: true });
  // Swallow the echo of typed characters.
  rl._writeToOutput = () => undefined;
  const answer = await new Promise((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

const password = await readPassword();
if (password.length < 10) {
  process.stderr.write('Le mot de passe doit faire au moins 10 caractères.\n');
  process.exit(1);
}
process.stdout.write(`${bcrypt.hashSync(password, COST)}\n`);
