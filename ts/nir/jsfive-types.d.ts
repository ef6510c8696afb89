// The part of jsfive (pure-JavaScript HDF5 reader, https://github.com/usnistgov/jsfive) that the
// NIR reader uses; the package ships no types.
declare module 'jsfive' {
  export class Group {
    readonly keys: string[];
    get(path: string): Group | Dataset | null;
  }
  export class Dataset {
    readonly shape: number[];
    /** '<f4', '<f8', '<i8', 'S6', ['VLEN_STRING', 0, 1], ... */
    readonly dtype: string | unknown[];
    readonly value: unknown;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
}
