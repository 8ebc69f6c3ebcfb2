/**
 * What full mode skips by default: lockfiles (their hashes look random), vendored and generated folders, and
 * binary or media files by extension. A repository can add to it; `.gitleaks.toml` allowlists are imported into it.
 */
import type { GlobalAllowlist } from './scanner.js';

export const DEFAULT_ALLOWLIST: GlobalAllowlist = {
  paths: [
    /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|deno\.lock|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|Gemfile\.lock|go\.sum|gradle\.lockfile|packages\.lock\.json|flake\.lock|mix\.lock|pubspec\.lock|Podfile\.lock)$/,
    /(?:^|\/)(?:node_modules|vendor|bower_components|\.git|\.venv|venv|site-packages|third_party|\.yarn\/cache|\.pnpm-store|dist-packages)\//,
    /\.(?:png|jpe?g|gif|bmp|ico|webp|tiff?|svg|eot|ttf|otf|woff2?|pdf|docx?|xlsx?|pptx?|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|exe|dll|so|dylib|o|a|bin|wasm|pyc|mp[34]|mov|avi|webm|ogg|wav|flac|lockb)$/i,
    /\.(?:min\.js|min\.css)\.map$|\.js\.map$/,
    /(?:^|\/)\.shipgate-baseline\.json$|(?:^|\/)\.?gitleaks(?:ignore|\.toml)$/,
  ],
  regexes: [],
  stopwords: [],
};
