/**
 * Replaces every `{{name}}` in a template with `values[name]`, in one pass: a value that itself contains
 * `{{…}}` (untrusted text can) is inserted literally, never expanded.
 * @throws Error when the template names a placeholder that has no value (a bug in the caller).
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt template placeholder {{${name}}} has no value`);
    return value;
  });
}
