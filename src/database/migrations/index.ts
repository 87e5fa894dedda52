import { InitialSchema1764100000000 } from './1764100000000-initial-schema';

/** Every migration, in order. The app runs them at start; the tests run the same list. */
export const MIGRATIONS = [InitialSchema1764100000000];
