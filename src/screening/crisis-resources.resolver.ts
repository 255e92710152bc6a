import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../common/auth/public.decorator';
import { AppConfig } from '../config/app-config';
import { DEFAULT_CRISIS_RESOURCES } from './pipeline/crisis-resources';

/**
 * The program's crisis resources for the web app's "Need help now?" page: public, because a person
 * must reach them before signing in, when a session has expired, or when sign-in is broken.
 */
@Resolver()
export class CrisisResourcesResolver {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Query(() => String, {
    description: "The program's crisis resources as plain text (CRISIS_RESOURCES, or the 988 default); anyone may read them, signed in or not.",
  })
  crisisResources(): string {
    return this.config.crisisResources?.trim() || DEFAULT_CRISIS_RESOURCES;
  }
}
