import { parseCatalog, type Catalog } from './Catalog';
import catalogDocument from './catalog.json';

/** Validates and returns the demo catalog bundled with the code (throws CatalogError if broken). */
export function loadDemoCatalog(): Catalog {
  return parseCatalog(catalogDocument);
}
