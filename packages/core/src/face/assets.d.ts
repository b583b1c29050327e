// A bundler's `?url` import: the file is emitted beside the code and this is its URL
// (Vite; other bundlers have the same feature under this or another name).
declare module '*?url' {
  const url: string;
  export default url;
}
