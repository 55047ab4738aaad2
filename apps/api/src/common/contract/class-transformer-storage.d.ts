// class-transformer keeps the @Type() metadata in a storage it exports from this path only.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
