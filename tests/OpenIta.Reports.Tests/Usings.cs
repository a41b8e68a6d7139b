global using Xunit;
global using OpenIta.Testing;
