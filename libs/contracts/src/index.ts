export * from './api-error';
export * from './api-routes';
export * from './health';
export * from './org';
export * from './school-class';
export * from './staff';
