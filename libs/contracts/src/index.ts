export * from './api-error';
export * from './api-routes';
export * from './health';
export * from './school-class';
