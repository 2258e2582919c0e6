/** Features from files: views.json manifests (./manifest), their files (./read), attached by post id (./attach). */
export { attachUserViews, describeUserViews, userSource, USER_SUPPLIED, type UserViewsOptions } from './attach';
export { parseManifest, readManifest, type UserViewDecl, type UserViewsManifest } from './manifest';
export { readFeatureRows, type FeatureRows } from './read';
