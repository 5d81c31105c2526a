// Placeholder replaced below.
import type { FuncMap } from '../funcs.ts';
export const certFuncs: FuncMap = {};
