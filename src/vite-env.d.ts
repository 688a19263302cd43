/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the backend (`http://host:port`); without it the embedded mock answers. */
  readonly VITE_API_BASE?: string;
}
