export * from './api-error';
export * from './api-routes';
export * from './health';
export * from './org';
export * from './progress';
export * from './roster';
export * from './school-class';
export * from './staff';
