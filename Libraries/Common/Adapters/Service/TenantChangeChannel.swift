/// The Redis pub/sub channel on which tenant-svc announces a changed tenant's id.
public enum TenantChangeChannel {
    public static let name = "tenant-changes"
}
