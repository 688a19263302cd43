/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * Base URL of the deployment's backend (`http://host:port`). Set, the build is a deployment:
   * no mock backend, no QA kit, `?api=` only for VITE_API_ALLOW. Unset, a demo or test build.
   */
  readonly VITE_API_BASE?: string;
  /** Comma-separated origins a deployment's `?api=` may name (docs/security.md). */
  readonly VITE_API_ALLOW?: string;
  /** `true` publishes source maps beside the build (off by default). */
  readonly VITE_SOURCEMAP?: string;
}
