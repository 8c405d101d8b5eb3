namespace Mys.Signing.Architecture.Tests;

/// <summary>Which namespace uses which (with one example of each use), and its cycles (Tarjan's strongly connected components).</summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    public static NamespaceGraph Build(IEnumerable<string> assemblies, string prefix = "Mys.Signing.")
    {
        var graph = new NamespaceGraph();
        foreach (var type in assemblies.SelectMany(SolutionAssemblies.TypesOf))
        {
            if (SolutionAssemblies.NamespaceOf(type) is not { } from || !from.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            graph.Node(from);
            foreach (var used in TypeDependencies.Of(type))
            {
                if (SolutionAssemblies.NamespaceOf(used) is { } to && to != from && to.StartsWith(prefix, StringComparison.Ordinal))
                {
                    graph.Node(from).TryAdd(to, $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return graph;
    }

    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in _edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(to, out var toIndex))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], toIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    components.Add(component);
                }
            }
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    public string Describe(List<string> cycle)
    {
        var members = cycle.ToHashSet(StringComparer.Ordinal);
        var uses = cycle.SelectMany(from => _edges[from].Where(e => members.Contains(e.Key)).Select(e => $"    {from} -> {e.Key}: {e.Value}"));
        return $"Cycle between {string.Join(", ", cycle.Order(StringComparer.Ordinal))}:\n{string.Join("\n", uses)}";
    }

    private Dictionary<string, string> Node(string name)
    {
        if (!_edges.TryGetValue(name, out var edges))
        {
            edges = new Dictionary<string, string>(StringComparer.Ordinal);
            _edges[name] = edges;
        }

        return edges;
    }
}
