/** The worker engine's client factory and the `?share=` choice, as one chunk `main.tsx` fetches. */
export { workerClientFactory } from './client-factories';
export { shareChoiceFrom } from './sharing/share-mode';
