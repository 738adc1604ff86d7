// The page runs in a browser: the project's tsconfig lists only ES2023, so the
// DOM declarations are added here for the files under service/web/.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
