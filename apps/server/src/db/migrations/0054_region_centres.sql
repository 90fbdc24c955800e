-- Township centres (乡镇（街道）驻地): the point of a region in degrees, for the match explanation's kilometres
-- between the seeker's home and the posting's township ("距户籍地 12 公里", packages/domain geoDistance.ts). Region
-- data of the platform (platform/org), beside the region tree: a small reference table, read by any module, written
-- only by the platform — the demo city fills it from the synthetic centres (packages/synth centres.ts, source
-- 'synthetic'), a deployment imports the 民政 区划驻地 coordinates (`mwsp regions centres <file.csv>`, 'import').
-- A region without a row has no known centre: the explanation then gives no kilometres (never a guess).
CREATE TABLE region_centres (
  code text COLLATE "C" PRIMARY KEY REFERENCES regions (code),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  source text NOT NULL CHECK (source IN ('synthetic', 'import'))
);
GRANT SELECT ON region_centres TO mwsp_app;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    PERFORM create_reference_table('region_centres');
  END IF;
END $$;
