-- Applied only when the PostGIS extension is installed in the database
-- (see migrate.rs): a point per merged event, kept in step with the
-- latitude/longitude columns by a trigger, and a GiST index for bbox queries.
ALTER TABLE clusters ADD COLUMN geom geometry(Point, 4326);
CREATE INDEX clusters_geom ON clusters USING GIST (geom);
CREATE FUNCTION clusters_set_geom() RETURNS trigger AS $fn$
BEGIN
    IF NEW.latitude IS NULL OR NEW.longitude IS NULL THEN
        NEW.geom := NULL;
    ELSE
        NEW.geom := ST_SetSRID(ST_MakePoint(NEW.longitude, NEW.latitude), 4326);
    END IF;
    RETURN NEW;
END
$fn$ LANGUAGE plpgsql;
CREATE TRIGGER clusters_geom BEFORE INSERT OR UPDATE OF latitude, longitude ON clusters
    FOR EACH ROW EXECUTE FUNCTION clusters_set_geom();
