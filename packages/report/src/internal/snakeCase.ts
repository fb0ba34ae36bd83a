// Names from the model (`retry-budget-denied`) as snake_case column names (`retry_budget_denied`).

/** `retry-budget-denied` → `retry_budget_denied`: every run of non-alphanumerics becomes `_`. */
export function snakeCase(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_');
}
