import type { Dataset } from "./dataset-types.js";

/**
 * A view built from the data set, memoised per data set: the simulators can swap data sets (tests),
 * and the view follows. For a vendor's catalogue (its own ids over the shared records).
 */
export function perDataset<T>(dataset: () => Dataset, build: (d: Dataset) => T): () => T {
  let last: Dataset | undefined;
  let view: T | undefined;
  return () => {
    const d = dataset();
    if (d !== last || view === undefined) {
      last = d;
      view = build(d);
    }
    return view;
  };
}
