//! Exports in every format of `vigie export` (placeholder until the store's
//! export API lands; wired in the next commit).
