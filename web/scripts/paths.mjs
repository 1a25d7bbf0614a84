// Where the reference data lives: ../shared beside the repository (read-only),
// or VIGIE_SHARED when a checkout keeps it elsewhere.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const webDir = path.resolve(here, '..');
export const sharedDir = process.env.VIGIE_SHARED
  ? path.resolve(process.env.VIGIE_SHARED)
  : path.resolve(webDir, '..', '..', 'shared');
export const basemapOut = path.join(webDir, 'public', 'basemap');
