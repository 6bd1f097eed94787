"""kg's seeded layout gives the same positions in every process (Python's string hashing varies by run)."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
SCRIPT = """
import json, networkx as nx
from kg.viz import layout
G = nx.MultiDiGraph()
names = ["宁州市", "宁州市人民政府", "宁州市数据局", "宁州高新区", "宁州港集团", "李明", "王芳", "数字宁州行动", "宁州日报",
         "东湖区", "西山区", "宁州市财政局"]
for i, a in enumerate(names):
    G.add_node(f"e{i}", label=a)
for a, b in [(1, 0), (2, 1), (3, 0), (4, 3), (5, 2), (6, 1), (7, 1), (9, 0), (10, 0), (11, 1), (6, 11)]:
    G.add_edge(f"e{a}", f"e{b}")
for i in range(20):  # isolated nodes: a component then is under half the graph (networkx iterates it as a set)
    G.add_node(f"alone{i}", label=f"孤立{i}")
print(json.dumps({k: [round(x, 6), round(y, 6)] for k, (x, y) in sorted(layout(G).items())}))
"""


def test_layout_is_the_same_in_every_process():
    runs = []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert len(runs[0]) == 32 and runs[0] == runs[1] == runs[2]
