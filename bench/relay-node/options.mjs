// The few command-line options the harness's scripts take: `--name value`, repeatable where a list is wanted.
export function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at >= 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback === undefined) {
    console.error(`missing ${name}`);
    process.exit(2);
  }
  return fallback;
}

export function values(name) {
  const found = [];
  for (let i = 0; i < process.argv.length; i++) {
    if (process.argv[i] !== name) continue;
    for (let j = i + 1; j < process.argv.length && !process.argv[j].startsWith('--'); j++) found.push(process.argv[j]);
  }
  return found;
}

export const flag = (name) => process.argv.includes(name);
