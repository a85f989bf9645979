// Small value helpers the KV tests share: strings and counters as values.
export const b = (s: string) => Buffer.from(s);
export const str = (v: Buffer | undefined) => v?.toString();
export const count = (v: Buffer | undefined) => Number(v?.toString() ?? '0');
