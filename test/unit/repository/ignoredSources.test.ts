import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * A source file that .gitignore matches exists in a working tree but never in a clean clone, so
 * CI fails there (it happened once: the pattern `lambda/` ignored `src/billing/lambda/`).
 */
describe('the repository', () => {
  it('ignores no source, test, script or infrastructure file', () => {
    // Act
    const ignored = execFileSync(
      'git',
      [
        'ls-files',
        '--others',
        '--ignored',
        '--exclude-standard',
        '--',
        'src',
        'test',
        'scripts',
        'bench',
        'infrastructure',
        'skill-package',
        'hooks',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
      .split('\n')
      .filter(
        (file) => file !== '' && !file.startsWith('bench/.out/') && file !== 'bench/results.json',
      );
    // Assess
    expect(ignored).toEqual([]);
  });
});
