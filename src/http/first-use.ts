// A value built at its first use rather than at start-up (what a Lambda cold start need not
// pay for: the Swagger UI, the Prometheus registry, the app itself in the Lambda entry).

/**
 * `build`'s value, built at the first call and shared by every later one (calls made while it
 * is being built wait for the same build). A build that fails is forgotten, so the next call
 * tries again instead of answering the old failure forever.
 */
export function builtOnFirstUse<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (!value) {
      const building = build();
      building.catch(() => {
        if (value === building) value = undefined;
      });
      value = building;
    }
    return value;
  };
}
