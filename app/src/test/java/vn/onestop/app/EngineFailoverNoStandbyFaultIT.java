package vn.onestop.app;

/** {@link EngineFailoverFaultIT} without standby replicas: the stores restore from changelogs. */
class EngineFailoverNoStandbyFaultIT extends EngineFailoverFaultIT {
  @Override
  int standbys() {
    return 0;
  }
}
