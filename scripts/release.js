// Makes a release on this machine: `npm run release -- X.Y.Z [--dry-run] [--owner <github-owner>]`.
// Checks the tree is clean and on main, sets the version, fills in the owner, points every reference of the examples
// at the release (the reusable workflows use `$/` and need none), dates the changelog's Unreleased section, builds,
// commits, checks that dist/ is what the sources build and that the references match, then tags vX.Y.Z and moves
// the major tag vX. Nothing leaves the machine: the push is printed as the next command. On a failure after the
// first write, the tree and tags go back to where they were. docs/releasing.md says why and what happens next.
//
// `node scripts/release.js notes X.Y.Z` prints the changelog section of a release (the GitHub release's notes);
// `node scripts/release.js verify X.Y.Z` checks a checked-out tag the way release.yml does.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWNER_PLACEHOLDER, candidateFiles, checkRepository, fixFile, repositoryOf } from './check-references.js';

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** X.Y.Z as numbers, or an error saying what is allowed. */
export function parseVersion(text) {
  const match = VERSION.exec(text ?? '');
  if (!match) throw new Error(`version '${text ?? ''}' is not X.Y.Z (for example 1.4.0), without a leading v`);
  return match.slice(1, 4).map(Number);
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The body of the changelog section `## [version]` (or `## [Unreleased]`), trimmed; undefined when absent. */
export function changelogSection(text, version) {
  const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\].*$`, 'm').exec(text);
  if (!heading) return undefined;
  const rest = text.slice(heading.index + heading[0].length);
  const end = rest.search(/^## |^\[[^\]]+\]: /m);
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

/**
 * The changelog with the Unreleased section become `## [X.Y.Z] - date` under a new empty Unreleased section, and the
 * link definitions at the bottom pointing at the compare views. Throws when there is nothing unreleased to release.
 */
export function releaseChangelog(text, { version, date, repositoryUrl, previousTag }) {
  const unreleased = changelogSection(text, 'Unreleased');
  if (!unreleased) throw new Error('CHANGELOG.md has nothing under ## [Unreleased]: write what this release changes');
  const tag = `v${version}`;
  const released = text
    .replace(/^## \[Unreleased\].*$/m, `## [Unreleased]\n\n## [${version}] - ${date}`)
    .replace(/^\[Unreleased\]: .*$/m, `[Unreleased]: ${repositoryUrl}/compare/${tag}...HEAD`);
  const link = previousTag
    ? `[${version}]: ${repositoryUrl}/compare/${previousTag}...${tag}`
    : `[${version}]: ${repositoryUrl}/releases/tag/${tag}`;
  return released.replace(/^(\[Unreleased\]: .*)$/m, `$1\n${link}`);
}

/**
 * A document (README) with the owner placeholder filled in and our action references on the release's major tag,
 * the one users are told to follow (`OWNER/shipgate/actions/rollback@v1` becomes `acme/shipgate/actions/rollback@v2`).
 */
export function releaseDocument(text, { owner, name, major }) {
  const pattern = new RegExp(
    `(?<![\\w.-])(${OWNER_PLACEHOLDER}|${owner})/${name}((?:/[\\w.-]+)*)@v\\d+(?:\\.\\d+\\.\\d+)?\\b`,
    'g',
  );
  return text
    .replace(pattern, `${owner}/${name}$2@v${major}`)
    .replace(new RegExp(`(?<![\\w.-])${OWNER_PLACEHOLDER}/${name}\\b`, 'g'), `${owner}/${name}`);
}

/**
 * The READMEs users read: the repository's and each action's. (docs/ explains the placeholder itself and the
 * changelog keeps each release's own references, so neither is rewritten.)
 */
export function documentFiles(root) {
  const files = ['README.md'];
  for (const entry of readdirSync(join(root, 'actions'), { withFileTypes: true }))
    if (entry.isDirectory()) files.push(`actions/${entry.name}/README.md`);
  return files.filter((path) => existsSync(join(root, path)));
}

/** Runs `command` in `root`, output to the terminal; throws with the command line when it fails. */
function runIn(root) {
  return (command, args, { capture = false } = {}) => {
    try {
      const out = execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit' });
      return capture ? out.trimEnd() : '';
    } catch (error) {
      throw new Error(
        `'${[command, ...args].join(' ')}' failed${error.stderr ? `: ${String(error.stderr).trim()}` : ''}`,
        { cause: error },
      );
    }
  };
}

/** Everything a release checks before it writes anything; returns what it needs to write. */
export function prepare(root, { version, owner: ownerArgument, githubRepository, dryRun = false }, run = runIn(root)) {
  const [major] = parseVersion(version);
  const tag = `v${version}`;
  const git = (...args) => run('git', args, { capture: true });
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
  if (branch !== 'main') throw new Error(`releases are made from main; this is '${branch}' (git switch main)`);
  const dirty = git('status', '--porcelain');
  if (dirty) throw new Error(`the working tree has changes; commit or stash them first:\n${dirty}`);
  if (git('tag', '--list', tag)) throw new Error(`the tag ${tag} exists already; release a higher version`);
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Equal is allowed: package.json may hold a version that was never tagged (0.1.0 before the first release).
  if (compareVersions(version, packageJson.version) < 0)
    throw new Error(`version ${version} is below package.json's ${packageJson.version}`);
  const { owner, name } = repositoryOf(packageJson, { owner: ownerArgument, githubRepository });
  if (!owner)
    throw new Error(
      'the GitHub owner of this repository is unknown: pass --owner <owner>, or set "repository" in package.json ' +
        `(for example "github:<owner>/${packageJson.name}") so that ${OWNER_PLACEHOLDER}/${name} can be filled in`,
    );
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  const previousTag = git('tag', '--list', 'v*.*.*', '--sort=-v:refname').split('\n').filter(Boolean)[0];
  const date = new Date().toISOString().slice(0, 10);
  const repositoryUrl = `https://github.com/${owner}/${name}`;
  return {
    version,
    tag,
    major,
    owner,
    name,
    dryRun,
    previousTag,
    start: git('rev-parse', 'HEAD'),
    // The release notes name the real owner (after the first release no placeholder is left anywhere).
    changelog: releaseChangelog(changelog, { version, date, repositoryUrl, previousTag }).replace(
      new RegExp(`(?<![\\w.-])${OWNER_PLACEHOLDER}/${name}\\b`, 'g'),
      `${owner}/${name}`,
    ),
    packageJson: {
      ...packageJson,
      version,
      repository: packageJson.repository ?? { type: 'git', url: `git+${repositoryUrl}.git` },
    },
  };
}

/** The files a release rewrites besides package.json, its lockfile and the changelog (for --dry-run). */
export function filesToRewrite(root, { version, owner, name, major }) {
  const read = (path) => readFileSync(join(root, path), 'utf8');
  return [
    ...documentFiles(root).filter((path) => releaseDocument(read(path), { owner, name, major }) !== read(path)),
    ...candidateFiles(root).filter((path) => fixFile(path, read(path), { version, owner, name }) !== read(path)),
    ...['.github/CODEOWNERS'].filter(
      (path) => existsSync(join(root, path)) && read(path).includes(`@${OWNER_PLACEHOLDER}/`),
    ),
  ];
}

/** Writes the release, builds, commits, checks and tags; undoes everything on a failure. Returns the next command. */
export function release(root, plan, run = runIn(root), log = console.log) {
  const git = (...args) => run('git', args, { capture: true });
  const { version, tag, major, owner, name } = plan;
  const write = (path, text) => writeFileSync(join(root, path), text);
  try {
    write('package.json', `${JSON.stringify(plan.packageJson, null, 2)}\n`);
    if (existsSync(join(root, 'package-lock.json'))) {
      const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
      lock.version = version;
      if (lock.packages?.['']) lock.packages[''].version = version;
      write('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    }
    write('CHANGELOG.md', plan.changelog);
    for (const path of documentFiles(root))
      write(path, releaseDocument(readFileSync(join(root, path), 'utf8'), { owner, name, major }));
    const codeowners = join(root, '.github', 'CODEOWNERS');
    if (existsSync(codeowners))
      writeFileSync(codeowners, readFileSync(codeowners, 'utf8').replaceAll(`@${OWNER_PLACEHOLDER}/`, `@${owner}/`));
    const problems = checkRepository(root, { version, owner, name, fix: true });
    if (problems.length > 0)
      throw new Error(
        `references that cannot be fixed mechanically:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.reference}: ${p.message}`).join('\n')}`,
      );
    log(`Building ${tag}...`);
    run('npm', ['run', 'build']);
    git('add', '--all');
    git('commit', '--quiet', '--message', `Release ${tag}`);
    log('Checking that dist/ is what the sources build...');
    run('npm', ['run', 'check-dist']);
    git('tag', '--annotate', tag, '--message', `Shipgate ${tag}`);
    git('tag', '--force', `v${major}`, `${tag}^{commit}`);
  } catch (error) {
    git('reset', '--hard', '--quiet', plan.start);
    if (git('tag', '--list', tag)) git('tag', '--delete', tag);
    throw new Error(`release ${tag} stopped, and the tree is back at ${plan.start.slice(0, 12)}: ${error.message}`, {
      cause: error,
    });
  }
  return `git push origin main ${tag} && git push --force origin v${major}`;
}

/** What release.yml checks on a checked-out tag: package.json's version, the references, the changelog section. */
export function verify(root, version) {
  parseVersion(version);
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const problems = [];
  if (packageJson.version !== version) problems.push(`package.json says ${packageJson.version}, the tag v${version}`);
  const { owner, name } = repositoryOf(packageJson);
  for (const p of checkRepository(root, { version, owner, name }))
    problems.push(`${p.file}:${p.line}:${p.column}: ${p.reference}: ${p.message}`);
  if (!changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version))
    problems.push(`CHANGELOG.md has no section ## [${version}]`);
  return problems;
}

function main(args) {
  const root = join(import.meta.dirname, '..');
  const flag = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args.splice(i, 2)[1];
  };
  const dryRun = args.includes('--dry-run');
  const owner = flag('--owner');
  const positional = args.filter((a) => a !== '--dry-run');
  if (positional[0] === 'notes') {
    const notes = changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), positional[1] ?? '');
    if (!notes) throw new Error(`CHANGELOG.md has no section ## [${positional[1] ?? ''}]`);
    console.log(notes);
    return;
  }
  if (positional[0] === 'verify') {
    const problems = verify(root, positional[1]);
    if (problems.length > 0) throw new Error(`v${positional[1]} is not releasable:\n  ${problems.join('\n  ')}`);
    console.log(`v${positional[1]}: package.json, references and changelog agree.`);
    return;
  }
  if (positional.length !== 1)
    throw new Error(
      'usage: npm run release -- X.Y.Z [--dry-run] [--owner <github-owner>] | notes X.Y.Z | verify X.Y.Z',
    );
  const plan = prepare(root, {
    version: positional[0],
    owner,
    githubRepository: process.env.GITHUB_REPOSITORY,
    dryRun,
  });
  if (dryRun) {
    console.log(
      `Dry run: ${plan.packageJson.name} ${plan.tag} by ${plan.owner} (previous ${plan.previousTag ?? 'none'}) can be released from ${plan.start.slice(0, 12)}.\n` +
        `It would set the version, fill in ${OWNER_PLACEHOLDER}, point the examples at ${plan.tag}, date the changelog, build, commit,\n` +
        `check dist/ and the references, tag ${plan.tag} and move v${plan.major}. Files it would rewrite:\n` +
        filesToRewrite(root, plan)
          .map((path) => `  ${path}\n`)
          .join('') +
        `Release notes:\n\n${changelogSection(plan.changelog, plan.version)}`,
    );
    return;
  }
  const next = release(root, plan);
  console.log(`Released ${plan.tag} on this machine (tagged, v${plan.major} moved). Publish it with:\n  ${next}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`release: ${error.message}`);
    process.exit(1);
  }
}
