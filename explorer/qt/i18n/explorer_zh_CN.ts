<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../actions.py" line="22"/>
        <source>{tip} ({key})</source>
        <translation>{tip}（{key}）</translation>
    </message>
</context>
<context>
    <name>BookmarksMenu</name>
    <message>
        <location filename="../bookmarks.py" line="20"/>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="26"/>
        <source>Add bookmark…</source>
        <translation>添加书签…</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="28"/>
        <source>Name the current step so you can come back to it (Ctrl+B)</source>
        <translation>给当前这一步起个名字，以便之后回到这里（Ctrl+B）</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="30"/>
        <source>Remove bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="47"/>
        <source>No bookmarks yet</source>
        <translation>还没有书签</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="50"/>
        <source>{name} — step {step}</source>
        <translation>{name} — 第 {step} 步</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="51"/>
        <source>Go back to step {step}</source>
        <translation>回到第 {step} 步</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="67"/>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="70"/>
        <source>Add bookmark</source>
        <translation>添加书签</translation>
    </message>
    <message>
        <location filename="../bookmarks.py" line="71"/>
        <source>Name for step {step}:</source>
        <translation>第 {step} 步的书签名：</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="425"/>
        <source>Bookmark “{name}” set at step {step}</source>
        <translation>已在第 {step} 步设置书签“{name}”</translation>
    </message>
</context>
<context>
    <name>ChartLabels</name>
    <message>
        <location filename="../../app/labels.py" line="44"/>
        <source>path to {w}</source>
        <extracomment>the caption of hs / ns charts: (hierarchical softmax, several targets) → text</extracomment>
        <translation>到 {w} 的路径</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="45"/>
        <source>paths to {w}</source>
        <translation>到 {w} 的路径</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="46"/>
        <source>positive: {w}</source>
        <translation>正样本：{w}</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="47"/>
        <source>positives: {w}</source>
        <translation>正样本：{w}</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="64"/>
        <source>targets: {w}</source>
        <translation>目标词：{w}</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="66"/>
        <source>target: {w}</source>
        <translation>目标词：{w}</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="89"/>
        <source>{node} on the path to {w}, bit {b}</source>
        <translation>{node}（到 {w} 的路径上，编码位 {b}）</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="97"/>
        <source>{w}+ (positive: the target)</source>
        <translation>{w}+（正样本：目标词）</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="103"/>
        <source>{w}{m} (negative for {t}, drawn {n}×)</source>
        <translation>{w}{m}（{t} 的负样本，抽到 {n} 次）</translation>
    </message>
    <message>
        <location filename="../../app/labels.py" line="107"/>
        <source>{w}{m} (negative for {t})</source>
        <translation>{w}{m}（{t} 的负样本）</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <location filename="../../app/commands.py" line="306"/>
        <source>The trace {path} has no steps.</source>
        <translation>轨迹 {path} 中没有任何步骤。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="349"/>
        <source>No comparison yet: File ▸ Compare with my trace…</source>
        <translation>还没有比较：文件 ▸ 与我的轨迹比较…</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="356"/>
        <source>No later difference.</source>
        <translation>后面没有差异了。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="358"/>
        <source>No earlier difference.</source>
        <translation>前面没有差异了。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="365"/>
        <source>Difference {i} of {n}: step {step}, {field}.</source>
        <translation>第 {i} 处差异（共 {n} 处）：第 {step} 步，{field}。</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="26"/>
        <source>every change points the opposite way: e = t − y instead of y − t, or the update adds η·e·h instead of subtracting it</source>
        <translation>每个变化的方向都相反：用了 e = t − y 而不是 y − t，或者更新时加上了 η·e·h 而不是减去它</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="31"/>
        <source>the output vectors agree but each CBOW input row moved C times as far: it got η·EH instead of (1/C)·η·EH</source>
        <translation>输出向量一致，但 CBOW 的每个输入行移动了 C 倍的距离：得到的是 η·EH 而不是 (1/C)·η·EH</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="36"/>
        <source>h is C times ours: h = Σ v_c instead of the mean (1/C)·Σ v_c</source>
        <translation>h 是我们的 C 倍：用了 h = Σ v_c 而不是平均值 (1/C)·Σ v_c</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="39"/>
        <source>the output update uses one panel&apos;s error e_c, or y − Σ_c t_c, instead of EI = Σ_c e_c (= C·y − Σ_c t_c)</source>
        <translation>输出更新用了单个面板的误差 e_c 或 y − Σ_c t_c，而不是 EI = Σ_c e_c（= C·y − Σ_c t_c）</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="44"/>
        <source>W′ agrees but the input update equals Σ e_j v&apos;_j with the already updated v&apos;_j: EH must use the output vectors from before the step</source>
        <translation>W′ 一致，但输入更新等于用已更新的 v&apos;_j 计算的 Σ e_j v&apos;_j：EH 必须使用本步之前的输出向量</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="49"/>
        <source>only vectors that occur twice in this step differ: they got one update instead of the sum (numpy fancy-index `W[ids] += …` keeps only one)</source>
        <translation>只有在本步中出现两次的向量不同：它们只得到一次更新而不是更新之和（numpy 花式索引 `W[ids] += …` 只保留一次）</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="54"/>
        <source>the hierarchical-softmax updates fit t = code instead of t = 1 − code (bit 0 means &apos;left&apos;, t = 1)</source>
        <translation>层次 softmax 的更新拟合的是 t = code 而不是 t = 1 − code（位 0 表示“左”，t = 1）</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="58"/>
        <source>only the positive word&apos;s vector differs, pushed away from h: a negative equal to the positive word was not skipped (word2vec.c skips it)</source>
        <translation>只有正样本词的向量不同，且被推离 h：与正样本词相同的负样本没有被跳过（word2vec.c 会跳过它）</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="63"/>
        <source>every change points the same way but is c times as long: another learning rate or decay schedule</source>
        <translation>每个变化方向相同但长度是 c 倍：用了另一个学习率或衰减方案</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="67"/>
        <source>the input update has the right value but lands on another word&apos;s row of W</source>
        <translation>输入更新的值正确，但落在了 W 中另一个词的行上</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="70"/>
        <source>theirs has inf or NaN where ours is finite: exp(u) overflowed (subtract max(u) before exponentiating)</source>
        <translation>在我们的值有限的地方，对方出现了 inf 或 NaN：exp(u) 溢出了（取指数前先减去 max(u)）</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="75"/>
        <source>every parameter agrees, only the reported loss differs</source>
        <translation>所有参数都一致，只有报告的损失不同</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="76"/>
        <source>no known mistake has this pattern; compare the numbers</source>
        <translation>没有已知错误符合这种模式；请比较数值</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="123"/>
        <source>Step {step} differs in {field}</source>
        <extracomment>fields of a trace whose difference highlights the quantity of the same name</extracomment>
        <translation>第 {step} 步在 {field} 处不同</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="126"/>
        <source>ours: {value}</source>
        <translation>我们的：{value}</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="127"/>
        <source>theirs: {value}</source>
        <translation>你的：{value}</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="128"/>
        <source>diagnosis: {id} — {text}</source>
        <translation>诊断：{id} — {text}</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="175"/>
        <source>Your trace agrees with this run: {n} steps compared.</source>
        <translation>你的轨迹与本次运行一致：比较了 {n} 步。</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="179"/>
        <source>No step differs, but the traces differ in length: {what}</source>
        <translation>没有步骤不同，但两条轨迹长度不同：{what}</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="184"/>
        <source>{n} of {m} steps differ; the first is step {step} ({field}): {id}.</source>
        <translation>{m} 步中有 {n} 步不同；第一处是第 {step} 步（{field}）：{id}。</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="209"/>
        <source>save the corpus as CORPUS.txt</source>
        <translation>把语料保存为 CORPUS.txt</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="213"/>
        <source>η was changed during training; the command uses one η</source>
        <translation>训练中改变过 η；该命令只使用一个 η</translation>
    </message>
    <message>
        <location filename="../../app/comparison.py" line="218"/>
        <source>export the initial weights as initial_weights.npz</source>
        <translation>把初始权重导出为 initial_weights.npz</translation>
    </message>
</context>
<context>
    <name>DifferenceBanner</name>
    <message>
        <location filename="../views/difference.py" line="62"/>
        <source>Previous difference (Shift+F8)</source>
        <extracomment>the colour of a difference: marks on the loss plot and the timeline, the banner&apos;s edge</extracomment>
        <translation>上一处差异（Shift+F8）</translation>
    </message>
    <message>
        <location filename="../views/difference.py" line="66"/>
        <source>Next difference (F8)</source>
        <translation>下一处差异（F8）</translation>
    </message>
    <message>
        <location filename="../views/difference.py" line="85"/>
        <source>Comparing with {file}: {n} differing steps (F8: next, Shift+F8: previous).</source>
        <extracomment>the lines shown (headline, ours, theirs, diagnosis), for tests and copying</extracomment>
        <translation>正在与 {file} 比较：{n} 个不同的步骤（F8：下一处，Shift+F8：上一处）。</translation>
    </message>
</context>
<context>
    <name>EquationView</name>
    <message>
        <location filename="../views/equation_view.py" line="59"/>
        <source>Equations</source>
        <extracomment>a lecture&apos;s equations panel narrower than this (pixels) shows vectors as their first component and &quot;…&quot; script sizes of a lecture&apos;s equations (main line, subscripts, their subscripts) relative to the main line the text of every equation line shown (for tests and copying)</extracomment>
        <translation>公式</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="42"/>
        <source>Step 0: take a step to see the equations with its numbers.</source>
        <translation>第 0 步：走一步，即可看到代入本步数值的公式。</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="57"/>
        <source> (blue: this step&apos;s numbers; red: the result)</source>
        <translation>（蓝色：本步的数值；红色：结果）</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="61"/>
        <source>Step {k}, phase “{ph}”: earlier phases in grey. Blue: this step&apos;s numbers; red: the result.</source>
        <translation>第 {k} 步，阶段“{ph}”：之前的阶段为灰色。蓝色：本步代入的数值；红色：计算结果。</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="25"/>
        <source>1. Forward pass</source>
        <translation>1. 前向传播</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="26"/>
        <source>2. Error</source>
        <translation>2. 误差</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="27"/>
        <source>3. Output vectors update</source>
        <translation>3. 输出向量更新</translation>
    </message>
    <message>
        <location filename="../../app/equations.py" line="28"/>
        <source>4. Input vectors update</source>
        <translation>4. 输入向量更新</translation>
    </message>
    <message>
        <location filename="../../app/equations_forward.py" line="169"/>
        <source>first node of the Huffman path of “{w}”</source>
        <translation>“{w}”的哈夫曼路径上的第一个节点</translation>
    </message>
    <message>
        <location filename="../../app/equations_forward.py" line="173"/>
        <source>the positive sample w_O = “{w}”</source>
        <translation>正样本 w_O = “{w}”</translation>
    </message>
    <message>
        <location filename="../../app/equations_forward.py" line="175"/>
        <source>For {what}:</source>
        <translation>对于{what}：</translation>
    </message>
    <message>
        <location filename="../../app/equations_forward.py" line="313"/>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../app/equations_forward.py" line="370"/>
        <location filename="../../app/equations_forward.py" line="374"/>
        <source>for</source>
        <translation>对</translation>
    </message>
    <message>
        <location filename="../../app/equations_update.py" line="48"/>
        <source>for every j = 1 … V</source>
        <translation>对每个 j = 1 … V</translation>
    </message>
    <message>
        <location filename="../../app/equations_update.py" line="49"/>
        <source>for the nodes on the path only</source>
        <translation>只对路径上的节点</translation>
    </message>
    <message>
        <location filename="../../app/equations_update.py" line="50"/>
        <source>for w_O and the negatives only</source>
        <translation>只对 w_O 和负样本</translation>
    </message>
    <message>
        <location filename="../../app/equations_update.py" line="92"/>
        <location filename="../../app/equations_update.py" line="225"/>
        <source>{v} before = {b}
Δ = {d}
after = {a}</source>
        <translation>{v} 更新前 = {b}
Δ = {d}
更新后 = {a}</translation>
    </message>
    <message>
        <location filename="../../app/equations_update.py" line="193"/>
        <source>(summed over the {n} targets of this example)</source>
        <translation>（对本样本的 {n} 个目标词求和）</translation>
    </message>
    <message>
        <location filename="../../app/equations_update.py" line="216"/>
        <source>reference mode (word2vec.c): every context word gets the full EH</source>
        <translation>参考实现模式（word2vec.c）：每个上下文词都加上完整的 EH</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <location filename="../figures/dialogs.py" line="75"/>
        <source>Tick the panels to draw; drag to change their order</source>
        <translation>勾选要绘制的面板；拖动可改变顺序</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="78"/>
        <source>Panels:</source>
        <translation>面板：</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="85"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="99"/>
        <source>Size (width × height):</source>
        <translation>尺寸（宽 × 高）：</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="105"/>
        <source>Draw the content this many times larger on the same picture</source>
        <translation>在同样大小的图上把内容放大这么多倍</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="107"/>
        <source>Scale:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="109"/>
        <source>Presentation look (large fonts, thick lines)</source>
        <translation>演示外观（大字体、粗线条）</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="113"/>
        <source>Use the window&apos;s current theme (else the light theme)</source>
        <translation>使用窗口当前的主题（否则用浅色主题）</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="116"/>
        <source>Show the guided walk&apos;s highlight</source>
        <translation>显示导览的高亮</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="182"/>
        <location filename="../figures/dialogs.py" line="291"/>
        <source>Export figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="191"/>
        <location filename="../figures/dialogs.py" line="319"/>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="204"/>
        <source>Steps (from, to):</source>
        <translation>步数（从，到）：</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="205"/>
        <source>A frame for every phase of each step</source>
        <translation>每一步的每个阶段各一帧</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="211"/>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="212"/>
        <source>Frame rate:</source>
        <translation>帧率：</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="299"/>
        <source>Wrote {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="314"/>
        <source>an MP4 needs an even width and height</source>
        <translation>MP4 的宽和高必须是偶数</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="324"/>
        <source>Rendering frames…</source>
        <translation>正在绘制各帧…</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="324"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="333"/>
        <source>Rendering frame {done} of {total}…</source>
        <translation>正在绘制第 {done} 帧，共 {total} 帧…</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="351"/>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="355"/>
        <source>Wrote {path} ({n} frames).</source>
        <translation>已写入 {path}（{n} 帧）。</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="364"/>
        <source>Export figure…</source>
        <translation>导出图…</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="366"/>
        <source>Draw chosen panels as SVG, PDF or PNG at a chosen size (for slides and handouts)</source>
        <translation>把选定的面板按指定尺寸绘制为 SVG、PDF 或 PNG（用于幻灯片和讲义）</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="371"/>
        <source>Export animation…</source>
        <translation>导出动画…</translation>
    </message>
    <message>
        <location filename="../figures/dialogs.py" line="372"/>
        <source>Draw a range of steps (and their phases) as a GIF or MP4</source>
        <translation>把一段步数（及其各阶段）绘制为 GIF 或 MP4</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../views/heatmap_view.py" line="44"/>
        <source>Show this step&apos;s Δ</source>
        <extracomment>rows named by word up to this many words (beyond, numbered); every row&apos;s word is also on hover. Each row is labelled when the row height allows the font in use, else an evenly spread subset (:class:`WordAxis`)</extracomment>
        <translation>显示本步的 Δ</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="47"/>
        <source>Colour each entry by how much this step changed it (Δ = after − before) instead of its value</source>
        <translation>按本步的变化量（Δ = 更新后 − 更新前）而不是数值本身给每个元素着色</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="52"/>
        <source>Outlined: the vectors this step changed</source>
        <translation>带边框的：本步改变了的向量</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="117"/>
        <source>Weights W and W′</source>
        <extracomment>the numbers each map shows (W, W&apos;ᵀ or this step&apos;s Δ) and the colour limit L (levels −L..L) rows the walk highlights: {&quot;in&quot;: ids of W&apos;s rows, &quot;out&quot;: ids of W&apos;ᵀ&apos;s rows}</extracomment>
        <translation>权重 W 和 W′</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="150"/>
        <source>W ({V}×{N}): input vectors v_w, one per row</source>
        <translation>W（{V}×{N}）：输入向量 v_w，每行一个</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="154"/>
        <source>W′ᵀ ({V}×{N}): inner-node vectors v′_n, one per row</source>
        <translation>W′ᵀ（{V}×{N}）：内部节点向量 v′_n，每行一个</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="156"/>
        <source>W′ᵀ ({V}×{N}): output vectors v′_j, one per row</source>
        <translation>W′ᵀ（{V}×{N}）：输出向量 v′_j，每行一个</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="137"/>
        <source>component i</source>
        <translation>分量 i</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="194"/>
        <source>Δ of step {k}, scale ±{L}</source>
        <translation>第 {k} 步的 Δ，色标 ±{L}</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="202"/>
        <source>colour scale ±{L} (fixed)</source>
        <translation>色标 ±{L}（固定）</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="288"/>
        <source>W[{w}, {i}] (v_{w}, component {i}) = {v}</source>
        <translation>W[{w}, {i}]（v_{w} 的第 {i} 个分量）= {v}</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="296"/>
        <source>W′[{i}, {w}] (v′_{w}, component {i}) = {v}</source>
        <translation>W′[{i}, {w}]（v′_{w} 的第 {i} 个分量）= {v}</translation>
    </message>
    <message>
        <location filename="../views/heatmap_view.py" line="305"/>
        <source>Δ this step = {d}</source>
        <translation>本步的 Δ = {d}</translation>
    </message>
</context>
<context>
    <name>InspectorView</name>
    <message>
        <location filename="../views/inspector_view.py" line="65"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="65"/>
        <source>The example, η and the loss E</source>
        <translation>样本、η 和损失 E</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="66"/>
        <source>Output units</source>
        <translation>输出单元</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="66"/>
        <source>u, y, t, e of every output unit</source>
        <translation>每个输出单元的 u、y、t、e</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="67"/>
        <source>Hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="67"/>
        <source>h and EH, one row per component</source>
        <translation>h 和 EH，每个分量一行</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="71"/>
        <source>Changed vectors</source>
        <translation>改变的向量</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="72"/>
        <source>Every vector this step changed: before, Δ, after</source>
        <translation>本步改变的每个向量：更新前、Δ、更新后</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="92"/>
        <source>Inspector</source>
        <translation>数值检查</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="124"/>
        <source>t&lt;sub&gt;j&lt;/sub&gt; (target)</source>
        <translation>t&lt;sub&gt;j&lt;/sub&gt;（目标）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="136"/>
        <source>t = 1 − code</source>
        <translation>t = 1 − 编码</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="136"/>
        <source>t (1: w&lt;sub&gt;O&lt;/sub&gt;, 0: neg.)</source>
        <translation>t（1：w&lt;sub&gt;O&lt;/sub&gt;，0：负样本）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="197"/>
        <source>(no example yet)</source>
        <translation>（还没有样本）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="208"/>
        <source>Step 0</source>
        <translation>第 0 步</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="209"/>
        <source>: no example yet — take a step to see one.</source>
        <translation>：还没有样本——走一步即可看到。</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="219"/>
        <source>   step {k} · epoch {ep} · η = {lr} · </source>
        <translation>   第 {k} 步 · 第 {ep} 轮 · η = {lr} · </translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="226"/>
        <source>   phase: {ph}</source>
        <translation>   阶段：{ph}</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="253"/>
        <location filename="../views/inspector_view.py" line="356"/>
        <location filename="../views/inspector_view.py" line="416"/>
        <source>(after the error phase)</source>
        <translation>（误差阶段之后）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="254"/>
        <source>(after the output update)</source>
        <translation>（输出向量更新之后）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="255"/>
        <location filename="../views/inspector_view.py" line="362"/>
        <source>(after the input update)</source>
        <translation>（输入向量更新之后）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="266"/>
        <source>top {k} of {V}</source>
        <translation>{V} 个中的前 {k} 个</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="302"/>
        <source>top {k} of {n}</source>
        <translation>{n} 个中的前 {k} 个</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="352"/>
        <location filename="../views/inspector_view.py" line="366"/>
        <source>step</source>
        <extracomment>the tables in the order of their tabs</extracomment>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="353"/>
        <source>training-set E</source>
        <translation>训练集 E</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="354"/>
        <source>η (next step)</source>
        <translation>η（下一步）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="356"/>
        <source>E (loss)</source>
        <translation>E（损失）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="357"/>
        <source>inputs</source>
        <translation>输入词</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="358"/>
        <source>targets</source>
        <translation>目标词</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="367"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="368"/>
        <source>phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="369"/>
        <source>C (inputs)</source>
        <translation>C（输入词数）</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="374"/>
        <source>quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="374"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="389"/>
        <location filename="../views/inspector_view.py" line="398"/>
        <source>j</source>
        <translation>j</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="389"/>
        <location filename="../views/inspector_view.py" line="398"/>
        <location filename="../views/inspector_view.py" line="424"/>
        <source>word</source>
        <translation>词</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="413"/>
        <source>u_j = v′_jᵀh</source>
        <translation>u_j = v′_jᵀh</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="414"/>
        <source>y_j = exp(u_j) / Σ_j′ exp(u_j′)</source>
        <translation>y_j = exp(u_j) / Σ_j′ exp(u_j′)</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="424"/>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="424"/>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="427"/>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="429"/>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="435"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="445"/>
        <location filename="../views/inspector_view.py" line="448"/>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="453"/>
        <source>hidden layer h</source>
        <translation>隐藏层 h</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="453"/>
        <source>EH_i = Σ_j e_j w′_ij</source>
        <translation>EH_i = Σ_j e_j w′_ij</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="457"/>
        <source>vector</source>
        <translation>向量</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="457"/>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="457"/>
        <source>before</source>
        <translation>更新前</translation>
    </message>
    <message>
        <location filename="../views/inspector_view.py" line="457"/>
        <source>after</source>
        <translation>更新后</translation>
    </message>
</context>
<context>
    <name>LossView</name>
    <message>
        <location filename="../views/loss_view.py" line="39"/>
        <source>Log scale</source>
        <extracomment>the user clicked the plot to go to this step (emitted before seeking)</extracomment>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="40"/>
        <source>Show the loss on a logarithmic axis</source>
        <translation>用对数坐标轴显示损失</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="46"/>
        <source>Click to go to that step</source>
        <translation>点击跳到那一步</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="52"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="53"/>
        <source>loss E</source>
        <translation>损失 E</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="55"/>
        <source>E of each step</source>
        <translation>每一步的 E</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="56"/>
        <source>moving average</source>
        <translation>滑动平均</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="63"/>
        <source>mean E per epoch (step 0: training set)</source>
        <translation>每轮平均 E（第 0 步：训练集）</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="92"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="101"/>
        <source>moving average ({n} steps)</source>
        <translation>滑动平均（{n} 步）</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="142"/>
        <source>step {k} of {n} · E = {e}</source>
        <translation>第 {k} 步，共 {n} 步 · E = {e}</translation>
    </message>
    <message>
        <location filename="../views/loss_view.py" line="147"/>
        <source>step 0 of {n} · training-set E = {e}</source>
        <translation>第 0 步，共 {n} 步 · 训练集 E = {e}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app.py" line="268"/>
        <source>Restore session?</source>
        <extracomment>Qt platforms that need no display server</extracomment>
        <translation>恢复会话？</translation>
    </message>
    <message>
        <location filename="../app.py" line="269"/>
        <source>The explorer did not close normally last time. Restore the session it was working on?</source>
        <translation>上次探索器没有正常关闭。要恢复当时正在进行的会话吗？</translation>
    </message>
    <message>
        <location filename="../app.py" line="283"/>
        <source>Restored the autosaved session at step {step}</source>
        <translation>已恢复自动保存的会话，位于第 {step} 步</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="92"/>
        <source>Setup</source>
        <extracomment>a long run started (True) or finished (False)</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94"/>
        <source>Corpus, architecture, output layer and training settings</source>
        <translation>语料、模型结构、输出层和训练设置</translation>
    </message>
    <message>
        <location filename="../menus.py" line="139"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="143"/>
        <source>Open corpus…</source>
        <translation>打开语料…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="144"/>
        <source>Open a UTF-8 text file as the corpus and apply it</source>
        <translation>打开一个 UTF-8 文本文件作为语料并应用</translation>
    </message>
    <message>
        <location filename="../menus.py" line="151"/>
        <source>Open session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="152"/>
        <source>Open a saved session (.w2vx) with its whole history</source>
        <translation>打开已保存的会话（.w2vx），连同它的全部历史</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="158"/>
        <location filename="../menus.py" line="159"/>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location filename="../menus.py" line="160"/>
        <source>Save the session with its history</source>
        <translation>保存会话及其历史</translation>
    </message>
    <message>
        <location filename="../menus.py" line="167"/>
        <source>Save session as…</source>
        <translation>会话另存为…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="168"/>
        <source>Save the session with its history to a new file</source>
        <translation>把会话及其历史保存到新文件</translation>
    </message>
    <message>
        <location filename="../menus.py" line="206"/>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location filename="../menus.py" line="50"/>
        <source>Word vectors (word2vec format)…</source>
        <extracomment>``translate(&quot;MainWindow&quot;, &quot;...&quot;)``: lupdate finds these calls (the texts keep their context)</extracomment>
        <translation>词向量（word2vec 格式）…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="51"/>
        <source>The input vectors (rows of W) in the word2vec text format, or binary for .bin</source>
        <translation>输入向量（W 的各行），word2vec 文本格式；文件名以 .bin 结尾时为二进制格式</translation>
    </message>
    <message>
        <location filename="../menus.py" line="60"/>
        <source>Weights (.npz)…</source>
        <translation>权重（.npz）…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="61"/>
        <source>W, W′ and the vocabulary as a NumPy .npz</source>
        <translation>W、W′ 和词汇表，保存为 NumPy .npz 文件</translation>
    </message>
    <message>
        <location filename="../menus.py" line="68"/>
        <source>Trace of every step (JSON Lines)…</source>
        <translation>每一步的记录（JSONL）…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="69"/>
        <source>Every computed step&apos;s record, one JSON object per line</source>
        <translation>每个已计算步骤的记录，每行一个 JSON 对象</translation>
    </message>
    <message>
        <location filename="../menus.py" line="76"/>
        <source>Loss series (CSV)…</source>
        <translation>损失序列（CSV）…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="77"/>
        <source>The loss of every step and epoch as CSV</source>
        <translation>每一步和每一轮的损失，CSV 格式</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="187"/>
        <location filename="../menus.py" line="392"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../menus.py" line="400"/>
        <source>{view}…</source>
        <translation>{view}…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="401"/>
        <source>Save this panel as a PNG or SVG image</source>
        <translation>把这个面板保存为 PNG 或 SVG 图像</translation>
    </message>
    <message>
        <location filename="../menus.py" line="407"/>
        <source>No panel can be exported</source>
        <translation>没有可导出的面板</translation>
    </message>
    <message>
        <location filename="../menus.py" line="210"/>
        <source>Export window as PNG…</source>
        <translation>将窗口导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="211"/>
        <source>Save a picture of the whole window</source>
        <translation>保存整个窗口的截图</translation>
    </message>
    <message>
        <location filename="../menus.py" line="217"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../menus.py" line="218"/>
        <source>Close the explorer</source>
        <translation>关闭探索器</translation>
    </message>
    <message>
        <location filename="../menus.py" line="225"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="242"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="282"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="435"/>
        <source>Show or hide the panel “{title}”</source>
        <translation>显示或隐藏面板“{title}”</translation>
    </message>
    <message>
        <location filename="../menus.py" line="288"/>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <location filename="../menus.py" line="230"/>
        <source>Undo new session</source>
        <translation>撤销新会话</translation>
    </message>
    <message>
        <location filename="../menus.py" line="231"/>
        <source>Back to the session before the last Apply, Reset, preset or Open, with its whole history</source>
        <translation>回到上一次应用、重置、选择预设语料或打开之前的会话，连同其全部历史</translation>
    </message>
    <message>
        <location filename="../menus.py" line="289"/>
        <source>Put every panel back in its default place</source>
        <translation>把每个面板放回默认位置</translation>
    </message>
    <message>
        <location filename="../menus.py" line="295"/>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <location filename="../menus.py" line="296"/>
        <source>Large fonts, thick lines and high contrast for a projector</source>
        <translation>大字体、粗线条、高对比度，适合投影</translation>
    </message>
    <message>
        <location filename="../menus.py" line="88"/>
        <source>Animate updates</source>
        <extracomment>View ▸ teaching aids: slots are methods of ``window.teaching`` (:class:`~.animator.Teaching`)</extracomment>
        <translation>动画演示更新</translation>
    </message>
    <message>
        <location filename="../menus.py" line="89"/>
        <source>Show each update move: the forward pass, the error flowing back, the vectors moving (on in presentation mode; any key ends it)</source>
        <translation>用动画展示每次更新：前向传播、误差反向流动、向量移动（演示模式下默认开启；按任意键立即结束）</translation>
    </message>
    <message>
        <location filename="../menus.py" line="99"/>
        <source>Slower animation</source>
        <translation>动画放慢</translation>
    </message>
    <message>
        <location filename="../menus.py" line="100"/>
        <source>Make each phase of the animation last longer</source>
        <translation>让动画的每个阶段持续更久</translation>
    </message>
    <message>
        <location filename="../menus.py" line="106"/>
        <source>Faster animation</source>
        <translation>动画加快</translation>
    </message>
    <message>
        <location filename="../menus.py" line="107"/>
        <source>Make each phase of the animation shorter</source>
        <translation>让动画的每个阶段更短</translation>
    </message>
    <message>
        <location filename="../menus.py" line="113"/>
        <source>Prediction prompts</source>
        <translation>预测提问</translation>
    </message>
    <message>
        <location filename="../menus.py" line="114"/>
        <source>The guided walk asks the class to predict each phase before showing it</source>
        <translation>逐步讲解在展示每个阶段之前先请全班预测结果</translation>
    </message>
    <message>
        <location filename="../menus.py" line="125"/>
        <source>First lecture settings</source>
        <extracomment>Train ▸ First lecture settings: the slot is a method of ``window.first_lecture`` (:class:`FirstLecture`)</extracomment>
        <translation>第一课设置</translation>
    </message>
    <message>
        <location filename="../menus.py" line="126"/>
        <source>A new session on this corpus that learns visibly from the first epoch: W and W′ uniform in ±2/√N (init “lecture”), the learning rate η measured for this architecture, output layer and mode, N 5, window m 2 (Edit ▸ Undo new session brings the current one back)</source>
        <translation>在此语料上新建一个从第一轮起就明显在学习的会话：W 和 W′ 在 ±2/√N 内均匀分布（初始权重“课堂”），学习率 η 取为针对此架构、输出层和模式测得的值，N = 5，窗口 m = 2（编辑 ▸ 撤销新会话可恢复当前会话）</translation>
    </message>
    <message>
        <location filename="../menus.py" line="176"/>
        <location filename="../menus.py" line="248"/>
        <source>Compare with my trace…</source>
        <translation>与我的轨迹比较…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="177"/>
        <location filename="../menus.py" line="249"/>
        <source>Compare a trace of your own implementation (JSON Lines, complete or partial) with this run: mark the differing steps, go to the first</source>
        <translation>把你自己实现的轨迹（JSONL，完整或部分）与本次运行比较：标出不同的步骤，并跳到第一处</translation>
    </message>
    <message>
        <location filename="../menus.py" line="187"/>
        <source>Copy as command</source>
        <translation>复制为命令</translation>
    </message>
    <message>
        <location filename="../menus.py" line="188"/>
        <source>Copy the command line that reproduces this run (python main.py trace …) to the clipboard</source>
        <translation>把能复现本次运行的命令行复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../menus.py" line="197"/>
        <source>Export initial weights…</source>
        <translation>导出初始权重…</translation>
    </message>
    <message>
        <location filename="../menus.py" line="198"/>
        <source>W and W′ before step 1 as a NumPy .npz, for trace --weights or your own loop</source>
        <translation>第 1 步之前的 W 和 W′，保存为 NumPy .npz 文件，可作为命令行的初始权重，或用于你自己的训练循环</translation>
    </message>
    <message>
        <location filename="../menus.py" line="244"/>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="259"/>
        <source>Next difference</source>
        <translation>下一处差异</translation>
    </message>
    <message>
        <location filename="../menus.py" line="260"/>
        <source>Go to the next step where your trace differs</source>
        <translation>跳到你的轨迹不同的下一步</translation>
    </message>
    <message>
        <location filename="../menus.py" line="267"/>
        <source>Previous difference</source>
        <translation>上一处差异</translation>
    </message>
    <message>
        <location filename="../menus.py" line="268"/>
        <source>Go to the previous step where your trace differs</source>
        <translation>跳到你的轨迹不同的上一步</translation>
    </message>
    <message>
        <location filename="../menus.py" line="275"/>
        <source>Clear comparison</source>
        <translation>清除比较</translation>
    </message>
    <message>
        <location filename="../menus.py" line="276"/>
        <source>Remove the marks of the comparison with your trace</source>
        <translation>去掉与你的轨迹比较时所做的标记</translation>
    </message>
    <message>
        <location filename="../menus.py" line="304"/>
        <source>Dark theme</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <location filename="../menus.py" line="305"/>
        <source>Light text on a dark background</source>
        <translation>深色背景上的浅色文字</translation>
    </message>
    <message>
        <location filename="../menus.py" line="311"/>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../menus.py" line="312"/>
        <source>Use the whole screen</source>
        <translation>占满整个屏幕</translation>
    </message>
    <message>
        <location filename="../menus.py" line="322"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="481"/>
        <source>Ctrl+L: first lecture settings</source>
        <translation>Ctrl+L：第一课设置</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="62"/>
        <location filename="../menus.py" line="326"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../menus.py" line="327"/>
        <source>List every keyboard shortcut</source>
        <translation>列出所有键盘快捷键</translation>
    </message>
    <message>
        <location filename="../menus.py" line="333"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <location filename="../menus.py" line="334"/>
        <source>About the word2vec Gradient Explorer</source>
        <translation>关于 word2vec 梯度探索器</translation>
    </message>
    <message>
        <location filename="../menus.py" line="442"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../menus.py" line="452"/>
        <source>Show the interface in this language (remembered for the next start)</source>
        <translation>界面使用这种语言（下次启动时仍然有效）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197"/>
        <source>Interface language: {language}</source>
        <translation>界面语言：{language}</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="30"/>
        <source>Completed steps</source>
        <extracomment>the texts keep the context they had in the main window (lupdate finds these calls)</extracomment>
        <translation>已完成的步数</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="31"/>
        <source>The epoch of the next step</source>
        <translation>下一步所在的轮次</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="33"/>
        <source>E, the loss of the current example (before its update); at step 0 the mean loss over the training set</source>
        <translation>E，当前样本的损失（更新之前）；第 0 步时为整个训练集上的平均损失</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="49"/>
        <source>Progress of the run in the background</source>
        <translation>后台运行的进度</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="50"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="52"/>
        <source>Stop the run; the steps done so far are kept</source>
        <translation>停止运行；已完成的步骤会保留</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="60"/>
        <source>Building the vocabulary, the examples and the model…</source>
        <translation>正在构建词表、训练样本和模型…</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="134"/>
        <source>Not applied: the current session is kept.</source>
        <translation>未应用：保留当前会话。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="57"/>
        <location filename="../file_actions.py" line="110"/>
        <source>Applied: a new session at step 0.</source>
        <extracomment>the texts keep their context of the main window (lupdate finds these calls)</extracomment>
        <translation>已应用：新会话从第 0 步开始。</translation>
    </message>
    <message>
        <location filename="../animator.py" line="128"/>
        <source>Animation: {ms} ms per phase</source>
        <extracomment>frames drawn since the last start (for tests)</extracomment>
        <translation>动画：每个阶段 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="40"/>
        <source>A large configuration</source>
        <extracomment>``translate(&quot;MainWindow&quot;, &quot;...&quot;)``: lupdate finds these calls (the texts keep their context)</extracomment>
        <translation>规模较大的配置</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="41"/>
        <source>{warning}.

Apply it anyway?</source>
        <translation>{warning}。

仍然应用吗？</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="416"/>
        <location filename="../file_actions.py" line="82"/>
        <location filename="../menus.py" line="472"/>
        <source>Building the model again…</source>
        <translation>正在重新构建模型…</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="79"/>
        <source>Reset: step 0 with fresh weights.</source>
        <translation>已重置：第 0 步，权重重新初始化。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="216"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="100"/>
        <source>Running in the background…</source>
        <translation>正在后台运行…</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="105"/>
        <source>%v of %m steps</source>
        <translation>%v / %m 步</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="247"/>
        <source>The run stopped because of an internal error: {error}</source>
        <translation>运行因内部错误而停止：{error}</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="254"/>
        <location filename="../../app/commands.py" line="290"/>
        <location filename="../../app/commands.py" line="384"/>
        <location filename="../file_actions.py" line="206"/>
        <location filename="../file_actions.py" line="222"/>
        <source>Wrote {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="260"/>
        <source>Cancelled after {n} steps.</source>
        <translation>运行 {n} 步后已取消。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="263"/>
        <source>Ran {n} steps in {s:.2f} s.</source>
        <translation>用 {s:.2f} 秒运行了 {n} 步。</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="407"/>
        <source>First lecture settings: W and W′ uniform in ±2/√N, η = {lr:g}, N = {N}, window m = {m}; press Play (Space) to watch the loss fall.</source>
        <translation>第一课设置：W 和 W′ 在 ±2/√N 内均匀分布，η = {lr:g}，N = {N}，窗口 m = {m}；按播放（空格键）即可看到损失下降。</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="140"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="116"/>
        <source>Stopped: {problem}. The parameters are as before that step; try a smaller learning rate.</source>
        <translation>已停止：{problem}。参数保持在该步之前的状态；请尝试更小的学习率。</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="127"/>
        <source>Training blew up</source>
        <translation>训练发散了</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="65"/>
        <source>Step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="40"/>
        <source>η, the learning rate of the next step; in brackets the η the step shown used (reference mode decays η linearly)</source>
        <translation>η，下一步的学习率；括号中是所示这一步实际使用的 η（参考模式下 η 线性衰减）</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="66"/>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="69"/>
        <location filename="../statusbar.py" line="73"/>
        <source>E = {loss:.4g}</source>
        <translation>E = {loss:.4g}</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="79"/>
        <source>η = {lr:g} (this step: {used:.4g})</source>
        <translation>η = {lr:g}（这一步：{used:.4g}）</translation>
    </message>
    <message>
        <location filename="../statusbar.py" line="82"/>
        <source>η = {lr:g}</source>
        <translation>η = {lr:g}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="285"/>
        <source>word2vec Gradient Explorer</source>
        <translation>word2vec 梯度探索器</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289"/>
        <source>own text</source>
        <translation>自己的文本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="291"/>
        <source>word2vec Gradient Explorer — {corpus}: {arch}, {output}, V = {V}, N = {N}</source>
        <translation>word2vec 梯度探索器 — {corpus}：{arch}，{output}，V = {V}，N = {N}</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="92"/>
        <source>Open corpus</source>
        <translation>打开语料</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="93"/>
        <source>Text files (*.txt *.text *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.text *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="99"/>
        <source>Not opened: correct the marked settings first.</source>
        <translation>未打开：请先更正标出的设置。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="113"/>
        <source>Reading {path}…</source>
        <translation>正在读取 {path}…</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="122"/>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="123"/>
        <source>Explorer sessions (*.w2vx);;All files (*)</source>
        <translation>探索器会话 (*.w2vx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="208"/>
        <location filename="../file_actions.py" line="127"/>
        <source>Opening {path}…</source>
        <translation>正在打开 {path}…</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="100"/>
        <source>Cannot open {path}: {reason}</source>
        <translation>无法打开 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="35"/>
        <source>reading the corpus</source>
        <extracomment>a load that ends within this many seconds returns finished (the calling thread waits that long at most) the stages that session building and session files report (translated when shown)</extracomment>
        <translation>正在读取语料</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="36"/>
        <source>building the vocabulary and examples</source>
        <translation>正在建立词表和样本</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="37"/>
        <source>computing the initial loss</source>
        <translation>正在计算初始损失</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="38"/>
        <source>reading the session file</source>
        <translation>正在读取会话文件</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="39"/>
        <source>replaying the history</source>
        <translation>正在重放历史</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="40"/>
        <source>planning the first epoch</source>
        <translation>正在规划第一轮</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="41"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="104"/>
        <source>Cannot open {path}: it does not fit in memory</source>
        <translation>无法打开 {path}：内存不足</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="128"/>
        <source>Cancelled: the current session is kept.</source>
        <translation>已取消：保留当前会话。</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="136"/>
        <source>Loading stopped because of an internal error: {error}</source>
        <translation>加载因内部错误而停止：{error}</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="188"/>
        <source>Back to the previous session, at step {step}.</source>
        <translation>已回到之前的会话，第 {step} 步。</translation>
    </message>
    <message>
        <location filename="../../app/loading.py" line="202"/>
        <source>Opened {path} at step {step}.</source>
        <translation>已打开 {path}，位于第 {step} 步。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="159"/>
        <source>Explorer sessions (*.w2vx)</source>
        <translation>探索器会话 (*.w2vx)</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="98"/>
        <source>Cannot write {path}: {reason}</source>
        <extracomment>a trace longer than this many steps is written on the runner (with progress)</extracomment>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/commands.py" line="276"/>
        <source>Saved the session to {path}.</source>
        <translation>会话已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="174"/>
        <source>word2vec text (*.txt *.vec);;word2vec binary (*.bin)</source>
        <translation>word2vec 文本格式 (*.txt *.vec);;word2vec 二进制格式 (*.bin)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="175"/>
        <location filename="../file_actions.py" line="268"/>
        <source>NumPy archive (*.npz)</source>
        <translation>NumPy 归档 (*.npz)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="176"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSONL 文件 (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="177"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="181"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="188"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="201"/>
        <source>Cannot export the plot: {reason}</source>
        <translation>无法导出图表：{reason}</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="211"/>
        <source>Export window</source>
        <translation>导出窗口</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="212"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="220"/>
        <source>Cannot write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="232"/>
        <source>Compare with my trace</source>
        <translation>与我的轨迹比较</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="233"/>
        <source>JSON Lines (*.jsonl *.json *.txt);;All files (*)</source>
        <translation>JSONL 文件 (*.jsonl *.json *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="237"/>
        <source>Comparing {path} with this run…</source>
        <translation>正在把 {path} 与本次运行比较…</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="256"/>
        <source>Copied: {command}</source>
        <translation>已复制：{command}</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="258"/>
        <source>(Also: {notes}.)</source>
        <translation>（另外：{notes}。）</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="267"/>
        <source>Export initial weights</source>
        <translation>导出初始权重</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="66"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="66"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="86"/>
        <source>&lt;p&gt;&lt;b&gt;word2vec Gradient Explorer&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Steps word2vec through training one example at a time and shows every number of the derivation: h, u, y, t, e, EH, the loss E and the update of every vector.&lt;/p&gt;&lt;p&gt;Names follow Xin Rong, &lt;i&gt;word2vec Parameter Learning Explained&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;word2vec 梯度探索器&lt;/b&gt;&lt;/p&gt;&lt;p&gt;一次一个样本地单步训练 word2vec，并展示推导中的每一个数：h、u、y、t、e、EH、损失 E 以及每个向量的更新。&lt;/p&gt;&lt;p&gt;符号沿用 Xin Rong 的论文《&lt;i&gt;word2vec Parameter Learning Explained&lt;/i&gt;》。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NeighboursView</name>
    <message>
        <location filename="../views/neighbours_view.py" line="25"/>
        <source>Word:</source>
        <translation>词：</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="31"/>
        <source>The word whose nearest neighbours are listed (type to search)</source>
        <translation>要列出其最近邻的词（可输入搜索）</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="35"/>
        <source>k:</source>
        <translation>k：</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="39"/>
        <source>How many neighbours to list</source>
        <translation>列出多少个近邻</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="48"/>
        <source>Double-click a word to select it</source>
        <translation>双击一个词以选中它</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="60"/>
        <source>Nearest neighbours</source>
        <translation>最近邻</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="94"/>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="94"/>
        <source>word</source>
        <translation>词</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="94"/>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="95"/>
        <source>cos(v_a, v_b) = v_aᵀv_b / (|v_a| |v_b|), input vectors (rows of W)</source>
        <translation>cos(v_a, v_b) = v_aᵀv_b / (|v_a| |v_b|)，输入向量（W 的行）</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="99"/>
        <source>Select a word.</source>
        <translation>请选择一个词。</translation>
    </message>
    <message>
        <location filename="../views/neighbours_view.py" line="109"/>
        <source>Closest to “{w}” by cosine of input vectors v_w, at step {k}</source>
        <translation>第 {k} 步时，按输入向量 v_w 的余弦相似度与“{w}”最接近的词</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../views/network_view.py" line="116"/>
        <source>Network</source>
        <extracomment>walk keys whose quantity lives on the hidden layer / on the output units what the guided walk&apos;s highlight lights up (see :meth:`highlight_state`) the hidden units&apos; values above their nodes (a narrow view), else beside them</extracomment>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="166"/>
        <source>input words x (one-hot)</source>
        <translation>输入词 x（one-hot）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="167"/>
        <source>hidden layer h (N = {N})</source>
        <translation>隐藏层 h（N = {N}）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="169"/>
        <source>output y (softmax over V = {V})</source>
        <translation>输出 y（在 V = {V} 个词上做 softmax）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="170"/>
        <source>inner nodes on the Huffman path</source>
        <translation>哈夫曼路径上的内部节点</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="171"/>
        <source>positive and negative samples</source>
        <translation>正样本和负样本</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="257"/>
        <source>input word “{w}” (row {i} of W)</source>
        <translation>输入词“{w}”（W 的第 {i} 行）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="259"/>
        <source>x = 1: an input of this example</source>
        <translation>x = 1：本样本的一个输入</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="259"/>
        <source>x = 0</source>
        <translation>x = 0</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="375"/>
        <source>… {n} more</source>
        <translation>…… 另有 {n} 个</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="456"/>
        <location filename="../views/network_view.py" line="473"/>
        <source>output “{w}” (column {j} of W′)</source>
        <translation>输出“{w}”（W′ 的第 {j} 列）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="471"/>
        <source>inner node n{j} (column {j} of W′)</source>
        <translation>内部节点 n{j}（W′ 的第 {j} 列）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="481"/>
        <source>code {b}</source>
        <translation>编码 {b}</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="483"/>
        <source>skipped (as word2vec.c)</source>
        <translation>跳过（与 word2vec.c 一致）</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="484"/>
        <source>target “{w}”: </source>
        <translation>目标词“{w}”：</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="489"/>
        <source>Step 0: no example yet. Edges show the initial weights.</source>
        <translation>第 0 步：还没有样本。连线显示初始权重。</translation>
    </message>
    <message>
        <location filename="../views/network_view.py" line="492"/>
        <source>Step {k} ({phase}): {i}{a}{t}</source>
        <translation>第 {k} 步（{phase}）：{i}{a}{t}</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <location filename="../../app/walk.py" line="24"/>
        <source>forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="25"/>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="26"/>
        <source>output update</source>
        <translation>输出向量更新</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="27"/>
        <source>input update</source>
        <translation>输入向量更新</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../../app/choices.py" line="77"/>
        <source>animals</source>
        <extracomment>the engine&apos;s values of each choice field, and the table that names them the built-in corpora under their names in the interface language (the command line uses the keys)</extracomment>
        <translation>动物</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="78"/>
        <source>chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="79"/>
        <source>chinese-raw</source>
        <translation>中文(未分词)</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="80"/>
        <source>fruit-and-drink</source>
        <translation>水果与饮料</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="81"/>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="82"/>
        <source>royalty</source>
        <translation>王室</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="87"/>
        <source>Animals and what they do: a slightly larger corpus (about 40 words). Try negative sampling, k 3.</source>
        <extracomment>the presets&apos; descriptions (the comment lines of the preset files, explorer/engine/presets), marked for translation here because the engine has no Qt; a description not listed shows as written in its file</extracomment>
        <translation>动物和它们做的事：稍大一点的语料（约 40 个词）。试试负采样，k = 3。</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="91"/>
        <source>中文:以空格分词的小语料(国王、女王、男人、女人)。Space-separated Chinese; try CBOW, window 2.</source>
        <translation>中文：以空格分词的小语料（国王、女王、男人、女人）。试试 CBOW，窗口 2。</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="95"/>
        <source>中文原文(不加空格):与“中文”预设相同的句子。Unsegmented Chinese: the chinese preset without spaces, cut into words by jieba; try CBOW, window 2.</source>
        <translation>中文原文(不加空格):与“中文”预设相同的句子,由结巴分词切成词(国王、统治、王国……)。试试 CBOW,窗口 2。</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="100"/>
        <source>Fruit and drink, as input|output pairs: words that predict each other. Try skip-gram, N 5, lr 0.2.</source>
        <translation>水果与饮料，以“输入|输出”词对给出：互相预测的词。试试 skip-gram，N = 5，学习率 0.2。</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="104"/>
        <source>A loop of five symbols: each symbol is always followed by the next. Try skip-gram, window 1, N 2.</source>
        <translation>五个符号组成的循环：每个符号后面总是跟着下一个。试试 skip-gram，窗口 1，N = 2。</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="108"/>
        <source>Royalty: king, queen, man, woman, prince, princess. Try CBOW or skip-gram, window 2, N 5.</source>
        <translation>王室：king、queen、man、woman、prince、princess。试试 CBOW 或 skip-gram，窗口 2，N = 5。</translation>
    </message>
</context>
<context>
    <name>ProjectionView</name>
    <message>
        <location filename="../views/projection_view.py" line="53"/>
        <source>Refit</source>
        <extracomment>every point is labelled when at most this many are shown (else: the selected word, this step&apos;s inputs and targets and its largest moves); hover tips always at most this many of this step&apos;s changed output vectors are labelled (largest moves first) arrows for at most this many changed vectors (the largest moves) the largest ratio of the two axes&apos; spans shown at equal scales (beyond it each axis fits its points) the basis was (re)fitted: the main window may show it in the status bar</extracomment>
        <translation>重新拟合</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="56"/>
        <source>Fit the projection again to the vectors as they are now (the basis otherwise stays fixed so the map does not jump)</source>
        <translation>按当前的向量重新拟合投影（否则基保持不变，图不会跳动）</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="61"/>
        <source>Input vectors v_w</source>
        <translation>输入向量 v_w</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="62"/>
        <source>Show the rows of W</source>
        <translation>显示 W 的各行</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="63"/>
        <source>Output vectors v′_j</source>
        <translation>输出向量 v′_j</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="64"/>
        <source>Show the columns of W′</source>
        <translation>显示 W′ 的各列</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="70"/>
        <source>arrows ×{k}</source>
        <translation>箭头 ×{k}</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="72"/>
        <source>Magnify the arrows that show this step&apos;s change of each vector</source>
        <translation>放大表示本步每个向量变化的箭头</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="98"/>
        <location filename="../views/projection_view.py" line="198"/>
        <source>input v_w</source>
        <translation>输入 v_w</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="108"/>
        <location filename="../views/projection_view.py" line="193"/>
        <source>output v′_j</source>
        <translation>输出 v′_j</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="155"/>
        <source>Projection</source>
        <extracomment>positions of the rings: the selected word (0 or 1 point) and the walk&apos;s vectors rows of rec.out_* / rec.in_* with an arrow this step the point ids the guided walk highlights: {&quot;in&quot;: ids, &quot;out&quot;: ids} the labels asked for (text per labelled point; LabelLayer leaves out ones that would overlap)</extracomment>
        <translation>投影</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="193"/>
        <source>inner node v′_n</source>
        <translation>内部节点 v′_n</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="200"/>
        <source>selected word</source>
        <translation>选定的词</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="230"/>
        <source>component 0</source>
        <translation>分量 0</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="231"/>
        <source>component 1</source>
        <translation>分量 1</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="232"/>
        <source>N = {N}: raw coordinates (no projection)</source>
        <translation>N = {N}：原始坐标（不投影）</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="236"/>
        <source>PC1 ({p} %)</source>
        <translation>PC1（{p} %）</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="237"/>
        <source>PC2 ({p} %)</source>
        <translation>PC2（{p} %）</translation>
    </message>
    <message>
        <location filename="../views/projection_view.py" line="239"/>
        <source>Explained variance: PC1 {a} %, PC2 {b} % (basis fitted at step {k}); now {c} %, {d} %</source>
        <translation>解释方差：PC1 {a} %，PC2 {b} %（基在第 {k} 步拟合）；现在为 {c} %，{d} %</translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message>
        <location filename="../views/samples_view.py" line="30"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="31"/>
        <source>Skip-gram has one positive word and k negatives per context word: one, or all</source>
        <translation>Skip-gram 的每个上下文词各有一个正样本词和 k 个负样本：显示其中一个，或全部</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="39"/>
        <source>Negative samples</source>
        <extracomment>what was drawn (for tests)</extracomment>
        <translation>负样本</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="57"/>
        <source>Samples are drawn for negative sampling (output: ns).</source>
        <translation>只有负采样（输出层：ns）才会抽取样本。</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="69"/>
        <source>Each target: the positive word (t = 1) and k = {k} negatives (t = 0) drawn from P_n(w) ∝ count(w)^{p}; ×n: drawn n times</source>
        <translation>每个目标：正样本词（t = 1）和从 P_n(w) ∝ 词频(w)^{p} 抽取的 k = {k} 个负样本（t = 0）；×n：被抽中 n 次</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="120"/>
        <source>No example yet</source>
        <translation>还没有样本</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="126"/>
        <source>target “{w}”</source>
        <translation>目标“{w}”</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="140"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="157"/>
        <source>noise distribution P_n(w) ∝ count^{p}</source>
        <translation>噪声分布 P_n(w) ∝ 词频^{p}</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="100"/>
        <source>drawn ×{n}</source>
        <translation>抽中 ×{n}</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="102"/>
        <source>positive</source>
        <translation>正样本</translation>
    </message>
    <message>
        <location filename="../views/samples_view.py" line="181"/>
        <source>… {n} more words</source>
        <translation>……另有 {n} 个词</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <location filename="../../app/choices.py" line="16"/>
        <source>CBOW</source>
        <translation>CBOW</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="17"/>
        <source>Skip-gram</source>
        <translation>Skip-gram</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="20"/>
        <source>Full softmax</source>
        <translation>完整 softmax</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="21"/>
        <source>Hierarchical softmax</source>
        <translation>层次 softmax</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="22"/>
        <source>Negative sampling</source>
        <translation>负采样</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="25"/>
        <source>Paper (Rong)</source>
        <translation>论文（Rong）</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="26"/>
        <source>Reference (word2vec.c)</source>
        <translation>参考实现（word2vec.c）</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="29"/>
        <source>Mode default</source>
        <translation>随模式默认</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="30"/>
        <source>Uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="31"/>
        <source>word2vec.c (W′ = 0)</source>
        <translation>word2vec.c（W′ = 0）</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="32"/>
        <source>gensim (W in ±1/N, W′ = 0)</source>
        <translation>gensim（W 在 ±1/N 内，W′ = 0）</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="33"/>
        <source>Lecture (W, W′ in ±2/√N)</source>
        <translation>课堂（W、W′ 在 ±2/√N 内）</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="36"/>
        <source>Chinese without spaces</source>
        <translation>无空格的中文</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="37"/>
        <source>At spaces only</source>
        <translation>只按空格</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="38"/>
        <source>All Chinese (jieba)</source>
        <translation>全部中文(结巴分词)</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="41"/>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="42"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../app/choices.py" line="43"/>
        <source>Pairs in|out</source>
        <translation>词对 输入|输出</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="86"/>
        <source>Own text</source>
        <extracomment>a user-facing message for the status bar</extracomment>
        <translation>自己的文本</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="88"/>
        <source>The corpus text below, as typed or opened from a file</source>
        <translation>下面的语料文本：手动输入或从文件打开</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="100"/>
        <source>How to read the corpus: plain text (one sentence per line) or input|output pairs such as king^rules|kingdom</source>
        <translation>如何读取语料：纯文本（每行一句），或“输入|输出”词对，例如 国王^统治|王国</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="108"/>
        <source>Type or paste a corpus: one sentence per line, or pairs such as eat|apple, drink|juice</source>
        <translation>输入或粘贴语料：每行一句，或词对，例如 吃|苹果, 喝|果汁</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="112"/>
        <location filename="../setup_panel.py" line="420"/>
        <source>The corpus. Plain text: one sentence per line. Pairs: in^in|out^out items separated by commas or new lines. The current example is highlighted while you step.</source>
        <translation>语料。纯文本：每行一句。词对：形如 输入^输入|输出^输出 的条目，用逗号或换行分隔。单步训练时，当前样本会高亮显示。</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="124"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="133"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="56"/>
        <source>Architecture</source>
        <extracomment>the translation context of the setup panel&apos;s texts (lupdate reads the literal &quot;SetupPanel&quot; in each call)</extracomment>
        <translation>模型结构</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="58"/>
        <source>CBOW predicts the centre word from the average of its context; skip-gram predicts each context word from the centre word</source>
        <translation>CBOW 由上下文的平均值预测中心词；skip-gram 由中心词预测每个上下文词</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="66"/>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="68"/>
        <source>Full softmax over the vocabulary, hierarchical softmax along the Huffman tree, or negative sampling (one positive word and k noise words)</source>
        <translation>在整个词汇表上做完整 softmax、沿哈夫曼树做层次 softmax，或负采样（一个正样本词和 k 个噪声词）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="76"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="78"/>
        <source>Paper: exactly the derivation of Rong&apos;s notes. Reference: what word2vec.c and gensim do (dynamic window, sub-sampling, decaying learning rate)</source>
        <translation>论文：严格按照 Rong 笔记中的推导。参考实现：与 word2vec.c 和 gensim 的做法一致（动态窗口、下采样、衰减的学习率）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="86"/>
        <source>Hidden size N</source>
        <translation>隐藏层大小 N</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="88"/>
        <source>N, the number of hidden units: the length of every word vector</source>
        <translation>N，隐藏单元的个数：也就是每个词向量的长度</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="92"/>
        <source>Window m (each side)</source>
        <translation>窗口 m（每侧）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="94"/>
        <source>m, the context words on each side of the centre word (reference mode: the maximum); an example has up to C = 2m context words, the C of the equations</source>
        <translation>m，中心词每一侧的上下文词数（参考模式下为最大值）；一个样本最多有 C = 2m 个上下文词，即公式中的 C</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="102"/>
        <source>Learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="104"/>
        <source>η, the step size of every update. A new value applies from the next step on, without starting again (press Enter)</source>
        <translation>η，每次更新的步长。新值从下一步起生效，无需重新开始（按回车）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="112"/>
        <source>Negatives k</source>
        <translation>负样本数 k</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="114"/>
        <source>k, the noise words drawn for every target (negative sampling)</source>
        <translation>k，为每个目标词抽取的噪声词个数（负采样）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="118"/>
        <source>Noise power</source>
        <translation>噪声指数</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="120"/>
        <source>Noise distribution P_n(w) ∝ count(w)^power (negative sampling; word2vec uses 0.75)</source>
        <translation>噪声分布 P_n(w) ∝ count(w)^指数（负采样；word2vec 使用 0.75）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="127"/>
        <source>Min count</source>
        <translation>最小词频</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="129"/>
        <source>Words seen fewer times than this are dropped from the vocabulary</source>
        <translation>出现次数少于此值的词会从词汇表中去掉</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="133"/>
        <source>Sub-sampling</source>
        <translation>下采样</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="135"/>
        <source>Sub-sampling threshold s for frequent words (reference mode; 0 turns it off)</source>
        <translation>高频词的下采样阈值 s（参考实现模式；0 表示关闭）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="141"/>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="143"/>
        <source>Uniform: W and W′ uniform in [−0.5/N, 0.5/N). word2vec.c: W uniform, W′ = 0. Lecture: W and W′ uniform in [−2/√N, 2/√N), learns visibly from the first epoch (Train ▸ First lecture settings)</source>
        <translation>均匀分布：W 和 W′ 在 [−0.5/N, 0.5/N) 上均匀分布。word2vec.c：W 均匀分布，W′ = 0。课堂：W 和 W′ 在 [−2/√N, 2/√N) 上均匀分布，从第一轮起就明显在学习（训练 ▸ 第一课设置）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="152"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="154"/>
        <source>The random seed: initial weights, shuffling, noise words and sub-sampling follow from it</source>
        <translation>随机种子：初始权重、打乱顺序、噪声词和下采样都由它决定</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="161"/>
        <source>Planned epochs</source>
        <translation>计划轮数</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="163"/>
        <source>Epochs planned for the run (reference mode decays the learning rate over them)</source>
        <translation>计划训练的轮数（参考实现模式在这些轮中衰减学习率）</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="169"/>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="170"/>
        <source>Each epoch</source>
        <translation>每轮打乱</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="171"/>
        <source>Visit each epoch&apos;s examples in a random order (from the seed)</source>
        <translation>每轮按随机顺序（由随机种子决定）遍历样本</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="175"/>
        <source>Lower-case</source>
        <translation>小写</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="176"/>
        <source>Lower-case words</source>
        <translation>转为小写</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="177"/>
        <source>Treat King and king as the same word</source>
        <translation>把 King 和 king 视为同一个词</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="181"/>
        <source>Word segmentation</source>
        <translation>分词</translation>
    </message>
    <message>
        <location filename="../setup_fields.py" line="183"/>
        <source>Cut raw Chinese into words with jieba: lines with no spaces between Chinese characters, never (spaces and punctuation only), or every Chinese run</source>
        <translation>用结巴分词把未分词的中文切成词:汉字之间没有空格的行、从不(只按空格和标点)、或每一段中文</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="187"/>
        <source>Changes not applied yet: press Apply.</source>
        <translation>更改尚未应用：请按“应用”。</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="194"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="196"/>
        <source>Build a new session from these settings and start at step 0</source>
        <translation>用这些设置新建会话，从第 0 步开始</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="198"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="201"/>
        <source>Start the session in use again at step 0 with fresh weights (same corpus and settings)</source>
        <translation>把当前会话重新从第 0 步开始，权重重新初始化（语料和设置不变）</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="305"/>
        <source>Choose a built-in example corpus</source>
        <translation>选择一个内置示例语料</translation>
    </message>
    <message>
        <location filename="../../app/setup.py" line="43"/>
        <source>learning rate</source>
        <extracomment>the defaults of the desktop app — the command line&apos;s too (one source: ``engine.config.APP_DEFAULTS``) fields typed as text, and the number they must hold</extracomment>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../app/setup.py" line="44"/>
        <source>noise power</source>
        <translation>噪声指数</translation>
    </message>
    <message>
        <location filename="../../app/setup.py" line="45"/>
        <source>sub-sampling threshold</source>
        <translation>下采样阈值</translation>
    </message>
    <message>
        <location filename="../../app/setup.py" line="59"/>
        <source>The {name} must be a number, got “{text}”.</source>
        <translation>{name}必须是数字，而输入的是“{text}”。</translation>
    </message>
    <message>
        <location filename="../../app/setup.py" line="67"/>
        <source>The seed must be a whole number, got “{text}”.</source>
        <translation>随机种子必须是整数，而输入的是“{text}”。</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="486"/>
        <source>Not applied: correct the marked settings.</source>
        <translation>未应用：请更正标出的设置。</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="496"/>
        <source>Not applied: {problem}</source>
        <translation>未应用：{problem}</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="514"/>
        <source>The learning rate must be a number, got “{text}”.</source>
        <translation>学习率必须是数字，而输入的是“{text}”。</translation>
    </message>
    <message>
        <location filename="../setup_panel.py" line="528"/>
        <source>Learning rate is now {lr:g} from step {step} on.</source>
        <translation>从第 {step} 步起，学习率改为 {lr:g}。</translation>
    </message>
</context>
<context>
    <name>TargetChooser</name>
    <message>
        <location filename="../views/scene_panel.py" line="172"/>
        <source>all</source>
        <extracomment>called after a resize (a panel whose content depends on its size draws again)</extracomment>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../views/scene_panel.py" line="174"/>
        <source>{c}: “{w}”</source>
        <translation>{c}：“{w}”</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <location filename="../transport.py" line="50"/>
        <source>forward (h, u, y)</source>
        <extracomment>the speed slider&apos;s range; its top value means &quot;as fast as possible&quot; above this rate views redraw through the bridge&apos;s throttle (at most ~30 times a second) longest time one play tick may spend stepping, so Pause and redraws stay responsive manual steps closer together than this (key auto-repeat) are drawn through the throttle</extracomment>
        <translation>前向传播（h, u, y）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="51"/>
        <source>error (t, e, E)</source>
        <translation>误差（t, e, E）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="52"/>
        <source>output update (W′)</source>
        <translation>输出向量更新（W′）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="53"/>
        <source>input update (EH, W)</source>
        <translation>输入向量更新（EH, W）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="59"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location filename="../transport.py" line="73"/>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location filename="../transport.py" line="75"/>
        <source>one step every {s:.1f} s</source>
        <translation>每 {s:.1f} 秒一步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="76"/>
        <source>{r:.0f} steps per second</source>
        <translation>每秒 {r:.0f} 步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="110"/>
        <location filename="../transport.py" line="535"/>
        <location filename="../transport.py" line="536"/>
        <source>Play</source>
        <extracomment>play started (True) or stopped (False) manual steps closer together than this are drawn through the throttle (0 turns that off)</extracomment>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../transport.py" line="111"/>
        <source>Play: take steps one after another at the chosen speed</source>
        <translation>播放：按选定的速度一步接一步地训练</translation>
    </message>
    <message>
        <location filename="../transport.py" line="118"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="119"/>
        <source>Step: train on the next example</source>
        <translation>单步：用下一个样本训练</translation>
    </message>
    <message>
        <location filename="../transport.py" line="125"/>
        <source>Sub-step</source>
        <translation>子步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="127"/>
        <source>Sub-step: show the next phase of the example (forward, error, output update, input update)</source>
        <translation>子步：显示本样本的下一个阶段（前向传播、误差、输出向量更新、输入向量更新）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="134"/>
        <source>Sub-step back</source>
        <translation>子步后退</translation>
    </message>
    <message>
        <location filename="../transport.py" line="135"/>
        <source>Sub-step back: go back one phase</source>
        <translation>子步后退：退回一个阶段</translation>
    </message>
    <message>
        <location filename="../transport.py" line="141"/>
        <source>Back (undo)</source>
        <translation>后退（撤销）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="142"/>
        <source>Back: undo the last step exactly</source>
        <translation>后退：精确撤销上一步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="148"/>
        <source>Forward (redo)</source>
        <translation>前进（重做）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="149"/>
        <source>Forward: redo the step that was undone</source>
        <translation>前进：重做被撤销的那一步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="155"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../transport.py" line="156"/>
        <source>Undo the last step (exactly: the old values come back)</source>
        <translation>撤销上一步（精确恢复：旧的数值全部回来）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="162"/>
        <source>Run one epoch</source>
        <translation>运行一轮</translation>
    </message>
    <message>
        <location filename="../transport.py" line="163"/>
        <source>Run to the end of the current epoch in the background</source>
        <translation>在后台运行到当前这一轮结束</translation>
    </message>
    <message>
        <location filename="../transport.py" line="169"/>
        <source>Fast-forward…</source>
        <translation>快进…</translation>
    </message>
    <message>
        <location filename="../transport.py" line="170"/>
        <source>Fast-forward: run a number of steps in the background</source>
        <translation>快进：在后台运行若干步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="176"/>
        <source>Go to step 0</source>
        <translation>回到第 0 步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="177"/>
        <source>Go back to the start (step 0)</source>
        <translation>回到开头（第 0 步）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="183"/>
        <source>Go to the last computed step</source>
        <translation>跳到最后计算的一步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="184"/>
        <source>Go to the furthest step computed so far</source>
        <translation>跳到目前计算到的最远一步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="190"/>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <location filename="../transport.py" line="191"/>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <location filename="../transport.py" line="192"/>
        <source>Epoch</source>
        <translation>一轮</translation>
    </message>
    <message>
        <location filename="../transport.py" line="193"/>
        <location filename="../transport.py" line="471"/>
        <source>Fast-forward</source>
        <translation>快进</translation>
    </message>
    <message>
        <location filename="../transport.py" line="228"/>
        <source>Timeline: drag to go to any step computed so far (Home: step 0, End: the furthest step)</source>
        <translation>时间轴：拖动可跳到任何已计算的步（Home：第 0 步，End：最远的一步）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="247"/>
        <source>Completed steps, and the furthest step computed so far</source>
        <extracomment>File ▸ Compare with my trace…: the differing steps as ticks over the timeline</extracomment>
        <translation>已完成的步数，以及目前计算到的最远一步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="249"/>
        <source>Epoch, and the example within it (one example per step)</source>
        <translation>轮次，以及本轮中的样本序号（每步一个样本）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="251"/>
        <source>The phase of the current example shown in the views</source>
        <translation>各视图中显示的当前样本所处的阶段</translation>
    </message>
    <message>
        <location filename="../transport.py" line="275"/>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <location filename="../transport.py" line="293"/>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../transport.py" line="299"/>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <location filename="../transport.py" line="384"/>
        <source>Step {step} of {furthest}</source>
        <translation>第 {step} 步，共 {furthest} 步</translation>
    </message>
    <message>
        <location filename="../transport.py" line="389"/>
        <source>Epoch {epoch}, example {i} of {n}</source>
        <translation>第 {epoch} 轮，第 {i} 个样本，共 {n} 个</translation>
    </message>
    <message>
        <location filename="../transport.py" line="394"/>
        <source>Epoch 1, example 0 of {n}</source>
        <translation>第 1 轮，第 0 个样本，共 {n} 个</translation>
    </message>
    <message>
        <location filename="../transport.py" line="395"/>
        <source>Phase: {phase}</source>
        <translation>阶段：{phase}</translation>
    </message>
    <message>
        <location filename="../transport.py" line="472"/>
        <source>Number of steps to run in the background:</source>
        <translation>在后台运行的步数：</translation>
    </message>
    <message>
        <location filename="../transport.py" line="489"/>
        <source>Play speed: from one step every 3 seconds to as fast as possible (now: {speed})</source>
        <translation>播放速度：从每 3 秒一步到尽可能快（当前：{speed}）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="526"/>
        <location filename="../transport.py" line="527"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../transport.py" line="530"/>
        <source>Pause ({key})</source>
        <translation>暂停（{key}）</translation>
    </message>
    <message>
        <location filename="../transport.py" line="539"/>
        <source>Play: take steps one after another at the chosen speed ({key})</source>
        <translation>播放：按选定的速度一步接一步地训练（{key}）</translation>
    </message>
</context>
<context>
    <name>TreeView</name>
    <message>
        <location filename="../views/tree_view.py" line="35"/>
        <source>Path</source>
        <extracomment>pixels per layout unit across and per level down (at the view&apos;s font size 10 pt; scaled with the font)</extracomment>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="46"/>
        <source>Huffman tree</source>
        <extracomment>what was drawn (for tests): the TreePanels and their x offsets</extracomment>
        <translation>哈夫曼树</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="36"/>
        <source>Skip-gram has one Huffman path per context word: one of them, or all side by side</source>
        <translation>Skip-gram 的每个上下文词各有一条哈夫曼路径：显示其中一条，或全部并排</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="69"/>
        <source>The tree is drawn for hierarchical softmax (output: hs).</source>
        <translation>只有层次 softmax（输出层：hs）才画这棵树。</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="85"/>
        <source>No example yet: the path appears with the first step.</source>
        <translation>还没有样本：第一步之后显示路径。</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="89"/>
        <source>“{w}”: code {code}, E = {E}</source>
        <translation>“{w}”：编码 {code}，E = {E}</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="94"/>
        <source>Path to each target (bit 0 = left, t = 1): </source>
        <translation>到每个目标的路径（位 0 = 向左，t = 1）：</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="175"/>
        <source>{n} more nodes</source>
        <translation>另有 {n} 个节点</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="212"/>
        <source>{k} words</source>
        <translation>{k} 个词</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="222"/>
        <source>{n}: {k} words</source>
        <translation>{n}：{k} 个词</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="233"/>
        <source>target “{w}”</source>
        <translation>目标“{w}”</translation>
    </message>
    <message>
        <location filename="../views/tree_view.py" line="253"/>
        <source>skipped (|u| ≥ 6)</source>
        <translation>已跳过（|u| ≥ 6）</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <location filename="../../app/format.py" line="55"/>
        <source>… ({n} more)</source>
        <translation>…（另有 {n} 个）</translation>
    </message>
</context>
<context>
    <name>Walk</name>
    <message>
        <location filename="../../app/walk.py" line="107"/>
        <source>Why: “{w}” is pushed away because it is the wrong word with the highest y = {y} (over-estimated: t = 0, e = {e} &gt; 0).</source>
        <extracomment>at most this many output vectors get an item of their own (the targets and the largest changes) a question for the class asked before this item&apos;s phase is shown (prediction prompts), or &quot;&quot;</extracomment>
        <translation>原因：“{w}”被推开，因为它是 y 最高的错误词，y = {y}（被高估：t = 0，e = {e} &gt; 0）。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="118"/>
        <source>The target “{w}” is under-estimated (y = {y} &lt; t = 1, e = {e} &lt; 0): it is pulled toward h.</source>
        <translation>目标词“{w}”被低估（y = {y} &lt; t = 1，e = {e} &lt; 0）：它被拉向 h。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="130"/>
        <source>Why: the largest error is at node n{n}: the path turns left there (t = 1), but the model gives that turn only σ(u) = {y} (under-estimated, e = {e} &lt; 0), so v&apos;_n{n} will move toward h.</source>
        <translation>原因：误差最大的是节点 n{n}：路径在那里向左（t = 1），但模型只给这个方向 σ(u) = {y} 的概率（被低估，e = {e} &lt; 0），所以 v&apos;_n{n} 会向 h 靠近。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="137"/>
        <source>Why: the largest error is at node n{n}: the path turns right there (t = 0), but the model gives the left turn σ(u) = {y} (over-estimated, e = {e} &gt; 0), so v&apos;_n{n} will be pushed away from h.</source>
        <translation>原因：误差最大的是节点 n{n}：路径在那里向右（t = 0），但模型给向左的概率是 σ(u) = {y}（被高估，e = {e} &gt; 0），所以 v&apos;_n{n} 会被推离 h。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="146"/>
        <source>Why: the positive word “{w}” is under-estimated (σ(u) = {y} &lt; 1, e = {e}): it is pulled toward h.</source>
        <translation>原因：正样本词“{w}”被低估（σ(u) = {y} &lt; 1，e = {e}）：它被拉向 h。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="152"/>
        <source>Of the negatives, “{w}” is the most over-estimated (σ(u) = {y}, e = {e} &gt; 0): it is pushed away from h the most.</source>
        <translation>在负样本中，“{w}”被高估得最多（σ(u) = {y}，e = {e} &gt; 0）：它被推离 h 最多。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="165"/>
        <source>Why: {sym} = {g} &lt; 0 (under-estimated), so −η·{sym}·h points along h: v&apos;_{w} moves toward h by ‖Δ‖ = {n}.</source>
        <translation>原因：{sym} = {g} &lt; 0（被低估），所以 −η·{sym}·h 与 h 同向：v&apos;_{w} 向 h 靠近，移动 ‖Δ‖ = {n}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="171"/>
        <source>Why: {sym} = {g} &gt; 0 (over-estimated), so −η·{sym}·h points against h: v&apos;_{w} is pushed away from h by ‖Δ‖ = {n}.</source>
        <translation>原因：{sym} = {g} &gt; 0（被高估），所以 −η·{sym}·h 与 h 反向：v&apos;_{w} 被推离 h，移动 ‖Δ‖ = {n}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="181"/>
        <source>Why: EH adds up the output vectors weighted by their errors, so −EH points toward the under-estimated outputs&apos; v&apos; and away from the over-estimated ones; “{w}” moves that way by ‖Δ‖ = {n}.</source>
        <translation>原因：EH 是按误差加权的输出向量之和，所以 −EH 指向被低估的输出的 v&apos;，远离被高估的；“{w}”沿这个方向移动 ‖Δ‖ = {n}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="192"/>
        <source>Predict: at which node of the path is the error e largest, and is it positive or negative?</source>
        <translation>请预测：路径上哪个节点的误差 e 最大？它是正还是负？</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="197"/>
        <source>Predict: which sample is over-estimated the most, and which under-estimated?</source>
        <translation>请预测：哪个样本被高估得最多？哪个被低估？</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="201"/>
        <source>Predict: which output word was over-estimated the most, and which under-estimated?</source>
        <translation>请预测：哪个输出词被高估得最多？哪个被低估？</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="206"/>
        <source>Predict: which v&apos;_j will move toward h, and which away from it?</source>
        <translation>请预测：哪些 v&apos;_j 会向 h 靠近，哪些会远离 h？</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="207"/>
        <source>Predict: which of the input vectors of {ins} moves the most, and in which direction?</source>
        <translation>请预测：{ins} 的输入向量中哪个移动最多？朝哪个方向？</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="232"/>
        <source>Forward. The input word is “{ins}”, so h is simply its input vector: h = v_I = {h}.</source>
        <translation>前向传播。输入词是“{ins}”，所以 h 就是它的输入向量：h = v_I = {h}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="236"/>
        <source>Forward. The C = {C} input words are {ins}; h is the average of their input vectors: h = (1/C) Σ v_w = {h}.</source>
        <translation>前向传播。C = {C} 个输入词是 {ins}；h 是它们输入向量的平均值：h = (1/C) Σ v_w = {h}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="244"/>
        <source>Each output word j gets the score u_j = v&apos;_jᵀh. For the target “{w}”: u = {u}.</source>
        <translation>每个输出词 j 得到得分 u_j = v&apos;_jᵀh。目标词“{w}”的得分：u = {u}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="248"/>
        <source>The softmax turns scores into probabilities: y_j = exp(u_j) / Σ_j&apos; exp(u_j&apos;). The model now gives “{w}” the probability y = {y}.</source>
        <translation>softmax 把得分变成概率：y_j = exp(u_j) / Σ_j&apos; exp(u_j&apos;)。模型现在给“{w}”的概率是 y = {y}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="259"/>
        <source>Hierarchical softmax walks the Huffman path of “{w}” ({n} inner nodes). At each node u = v&apos;_nᵀh; at the root, u = {u}.</source>
        <translation>层次 softmax 沿“{w}”的哈夫曼路径往下走（{n} 个内部节点）。在每个节点上 u = v&apos;_nᵀh；在根节点，u = {u}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="267"/>
        <source>y = σ(u) is the probability of going left at a node: at the root y = {y}. p(w) is the product of the probabilities of the turns on the path.</source>
        <translation>y = σ(u) 是在节点处向左走的概率：根节点处 y = {y}。p(w) 是路径上每次转向的概率之积。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="273"/>
        <source>Negative sampling scores the positive word “{w}” and {k} sampled negatives: u = v&apos;ᵀh; for the positive, u = {u}.</source>
        <translation>负采样给正样本词“{w}”和 {k} 个抽到的负样本打分：u = v&apos;ᵀh；正样本的 u = {u}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="283"/>
        <source>y = σ(u) is the probability that a word is the real context: for the positive y = {y}.</source>
        <translation>y = σ(u) 是一个词确实属于上下文的概率：正样本的 y = {y}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="292"/>
        <source>Error. t is 1 for the target “{w}” and 0 elsewhere; e_j = y_j − t_j. For the target e = {e} (negative: its score must rise); every other word has e_j = y_j &gt; 0.</source>
        <translation>误差。目标词“{w}”的 t 为 1，其余为 0；e_j = y_j − t_j。目标词的 e = {e}（为负：它的得分要升高）；其他每个词的 e_j = y_j &gt; 0。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="300"/>
        <source>Skip-gram predicts {P} context words ({outs}) from one h: the errors of the panels add up, EI_j = Σ_c e_c,j.</source>
        <translation>skip-gram 用同一个 h 预测 {P} 个上下文词（{outs}）：各个输出面板的误差相加，EI_j = Σ_c e_c,j。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="308"/>
        <source>Error. e = y − t at every term (t = 1 for the left turn / the positive word, 0 otherwise); at the first term e = {y} − {t} = {e}.</source>
        <translation>误差。每一项都有 e = y − t（向左转 / 正样本词时 t = 1，否则为 0）；第一项 e = {y} − {t} = {e}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="321"/>
        <source>The loss of this example is E = {E}: the smaller, the better the prediction of {outs}.</source>
        <translation>这个样本的损失 E = {E}：越小，说明对 {outs} 的预测越好。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="330"/>
        <source>Output update of v&apos;_{w}: v&apos;(new) = v&apos;(old) − η·{sym}·h with η = {lr}: {b} + {d} = {a}.</source>
        <translation>输出向量 v&apos;_{w} 的更新：v&apos;(new) = v&apos;(old) − η·{sym}·h，其中 η = {lr}：{b} + {d} = {a}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="346"/>
        <source>… and {n} more output vectors change the same way (the full softmax updates every v&apos;_j).</source>
        <translation>……还有 {n} 个输出向量以同样的方式变化（完整 softmax 会更新每一个 v&apos;_j）。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="351"/>
        <source>Hidden error. EH = Σ_j {sym}·v&apos;_j, with the output vectors from before the update: EH = {EH}.</source>
        <translation>隐藏层误差。EH = Σ_j {sym}·v&apos;_j，用的是更新之前的输出向量：EH = {EH}。</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="359"/>
        <source>v(new) = v(old) − (1/C)·η·EH</source>
        <translation>v(new) = v(old) − (1/C)·η·EH</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="361"/>
        <source>v(new) = v(old) − η·EH</source>
        <translation>v(new) = v(old) − η·EH</translation>
    </message>
    <message>
        <location filename="../../app/walk.py" line="362"/>
        <source>Input update of “{w}”: {rule}: {b} + {d} = {a}.</source>
        <translation>“{w}”的输入向量更新：{rule}：{b} + {d} = {a}。</translation>
    </message>
</context>
<context>
    <name>WalkView</name>
    <message>
        <location filename="../views/walk_view.py" line="37"/>
        <source>◀ Previous</source>
        <translation>◀ 上一条</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="38"/>
        <source>Next ▶</source>
        <translation>下一条 ▶</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="43"/>
        <source>Previous part of the derivation ({key})</source>
        <translation>推导的上一部分（{key}）</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="48"/>
        <source>Next part of the derivation ({key})</source>
        <translation>推导的下一部分（{key}）</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="80"/>
        <source>Guided walk</source>
        <translation>逐步讲解</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="83"/>
        <source>Forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="83"/>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="83"/>
        <source>Output update</source>
        <translation>输出向量更新</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="83"/>
        <source>Input update</source>
        <translation>输入向量更新</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="112"/>
        <source>No example yet</source>
        <translation>还没有样本</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="113"/>
        <source>Press Next (or Sub-step) to start the first example.</source>
        <translation>按“下一条”（或“子步”）开始第一个样本。</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="124"/>
        <source>Step {step} · {phase}: your prediction?</source>
        <translation>第 {step} 步 · {phase}：你的预测是？</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="132"/>
        <source>Press Next for the answer.</source>
        <translation>按“下一条”查看答案。</translation>
    </message>
    <message>
        <location filename="../views/walk_view.py" line="140"/>
        <source>Step {step} · {phase}</source>
        <translation>第 {step} 步 · {phase}</translation>
    </message>
</context>
</TS>
