/** Placeholder export while the package is being written. */
export const version = '0.1.0';
