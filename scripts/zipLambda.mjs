// Zips a folder into an AWS Lambda deployment package, with jszip (no system `zip`). Usage:
//   node scripts/zipLambda.mjs <folder> <out.zip>
// The package holds every file of the folder at its root, except .zip files; it needs an index.js
// (the handler is index.handler). Entries carry a fixed date and mode, so the same build makes the
// same bytes, and the ASK CLI, which hashes the package, skips a deploy that would change nothing.
import JSZip from 'jszip';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
// A regular file, readable by everyone: Lambda runs the code as another user than the owner.
const FILE_MODE = 0o100644;

async function listFiles(folder, prefix = '') {
  const entries = await readdir(path.join(folder, prefix), { withFileTypes: true });
  const files = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      files.push(...(await listFiles(folder, relative)));
    } else if (entry.isFile() && !entry.name.endsWith('.zip')) {
      files.push(relative);
    }
  }
  return files;
}

async function main(args) {
  if (args.length !== 2) {
    process.stderr.write('usage: node scripts/zipLambda.mjs <folder> <out.zip>\n');
    return 2;
  }
  const folder = path.resolve(args[0]);
  const out = path.resolve(args[1]);
  let files;
  try {
    files = await listFiles(folder);
  } catch (error) {
    process.stderr.write(`zipLambda: cannot read ${folder}: ${error.message}\n`);
    return 1;
  }
  if (!files.includes('index.js')) {
    process.stderr.write(
      `zipLambda: ${folder} has no index.js (the handler is index.handler): build it first\n`,
    );
    return 1;
  }
  const zip = new JSZip();
  for (const file of files) {
    zip.file(file, await readFile(path.join(folder, file)), {
      date: FIXED_DATE,
      unixPermissions: FILE_MODE,
      createFolders: false,
    });
  }
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    platform: 'UNIX',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  await mkdir(path.dirname(out), { recursive: true });
  // Written next to its place, then renamed: a reader never sees half a package.
  const partial = `${out}.${process.pid}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    process.stderr.write(`zipLambda: cannot write ${out}: ${error.message}\n`);
    return 1;
  }
  const shown = path.relative(process.cwd(), folder);
  const where = shown === '' || shown.startsWith('..') ? folder : shown;
  process.stderr.write(
    `zipped ${files.length} file(s) of ${where} into ${out} (${(bytes.length / 1024).toFixed(0)} KB)\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
