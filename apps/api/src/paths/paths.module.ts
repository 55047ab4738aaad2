import { DynamicModule, Global, Module } from '@nestjs/common';
import { PathCatalogue } from '@sferum/contracts';
import { SchoolPathsRepository } from './school-paths.repository';
import { SchoolPaths } from './school-paths.service';

/**
 * The catalogue of onboarding paths, for every feature. It is a provider so
 * that a test can run the whole API with a path of its own (a region's
 * procedure) without a migration or a change to the code.
 */
@Global()
@Module({})
export class PathsModule {
  static forRoot(catalogue: PathCatalogue): DynamicModule {
    return {
      module: PathsModule,
      providers: [{ provide: PathCatalogue, useValue: catalogue }, SchoolPathsRepository, SchoolPaths],
      exports: [PathCatalogue, SchoolPaths],
    };
  }
}
