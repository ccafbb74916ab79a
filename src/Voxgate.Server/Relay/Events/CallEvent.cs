namespace Voxgate.Server.Relay;

/// <summary>Something the relay tells the caller's side: each transport shows what its wire can carry.</summary>
internal abstract record CallEvent;
