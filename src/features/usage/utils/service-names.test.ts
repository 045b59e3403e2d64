import { compareServices, serviceColor, serviceColorSlot, serviceName } from './service-names';

describe('serviceName', () => {
  it('gives readable names to known service types', () => {
    expect(serviceName('geocode')).toBe('Geocoding');
    expect(serviceName('spanalysis')).toBe('Spatial analysis');
    expect(serviceName('geoenrich')).toBe('GeoEnrichment');
    expect(serviceName('tiles')).toBe('Tile generation');
    expect(serviceName('notebooks')).toBe('Notebooks');
    expect(serviceName('elevation')).toBe('Elevation analysis');
    expect(serviceName('routing')).toBe('Routing & directions');
    expect(serviceName('storage')).toBe('Storage, charged to the org');
    expect(serviceName('GEOCODE')).toBe('Geocoding');
  });

  it('shows unknown types by their code', () => {
    expect(serviceName('imagery3d')).toBe('imagery3d');
    expect(serviceName('')).toBe('Unspecified service');
  });
});

describe('service colours', () => {
  it('are stable per service and distinct for the known ones', () => {
    const known = [
      'geocode',
      'spanalysis',
      'geoenrich',
      'tiles',
      'notebooks',
      'elevation',
      'routing',
      'storage',
    ];
    expect(new Set(known.map(serviceColorSlot)).size).toBe(known.length);
    expect(serviceColor('imagery3d')).toBe(serviceColor('imagery3d'));
    expect(serviceColorSlot('imagery3d')).toBeGreaterThanOrEqual(8);
  });
});

describe('compareServices', () => {
  it('puts known services first in their order, then unknown codes alphabetically', () => {
    expect(['zeta', 'storage', 'alpha', 'geocode'].sort(compareServices)).toEqual([
      'geocode',
      'storage',
      'alpha',
      'zeta',
    ]);
  });
});
