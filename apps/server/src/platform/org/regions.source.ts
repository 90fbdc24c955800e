export * from '../../modules/regions/regions.source.js';
