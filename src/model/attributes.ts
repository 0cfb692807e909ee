// Attribute lists as buildx reads them (`--output`, `--cache-to`, `--cache-from`, `--secret`): one CSV
// record of key=value fields. A value the action did not write itself (a path, a list of names) is quoted
// when it could otherwise end its field early and start a new attribute.

/** One `key=value` field, CSV-quoted when the value holds a comma, a quote or a line break. */
export function attribute(key: string, value: string): string {
  const field = `${key}=${value}`;
  return /[",\r\n]/.test(value) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** `type=<type>` followed by each attribute, in order; undefined values are left out. */
export function attributeList(type: string, attrs: Array<[string, string | undefined]>): string {
  const fields = attrs.filter((a): a is [string, string] => a[1] !== undefined);
  return [`type=${type}`, ...fields.map(([k, v]) => attribute(k, v))].join(',');
}
