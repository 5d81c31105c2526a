// What `package verify` reports: errors (the package is invalid) and warnings.
// Messages are KUDO's (kudo-semantics.md §4.2) where KUDO has the check,
// prefixed with the file and line when Maestro knows them.

export interface Finding {
  /** The check that produced it (see checks.ts). */
  check: string;
  message: string;
  /** `operator.yaml:12`, `templates/x.yaml:3:7`, or a file name. */
  where?: string;
}

export interface VerifyResult {
  errors: Finding[];
  warnings: Finding[];
}

export function findingText(f: Finding): string {
  return f.where === undefined ? f.message : `${f.where}: ${f.message}`;
}

/** The `-o json` shape: KUDO's `{errors, warnings, valid}`. */
export function resultJson(r: VerifyResult): {
  valid: boolean;
  errors: string[];
  warnings: string[];
} {
  return {
    valid: r.errors.length === 0,
    errors: r.errors.map(findingText),
    warnings: r.warnings.map(findingText),
  };
}
