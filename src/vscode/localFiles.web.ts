// The web extension host has no local disk: everything goes through `workspace.fs` (see localFiles.ts; the web
// build resolves that module to this one, see esbuild.mjs).
import type { LocalFiles } from './localFiles';

export const localFiles: LocalFiles | undefined = undefined;
