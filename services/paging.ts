// The cursor of a paged list, as the portal's pages hand it back: opaque to people, decoded here so
// pages need nothing from db/. One that does not decode is undefined (start from the newest).
export { decodeCursor } from '../db/paging.js';
