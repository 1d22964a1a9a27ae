<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConfusionView</name>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="102"/>
        <source>%1 × %2 given no digit</source>
        <translation>%1 个 %2 未给出数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="104"/>
        <source>%1 × %2 read right</source>
        <translation>%1 个 %2 识别正确</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="105"/>
        <source>%1 × %2 read as %3</source>
        <translation>%1 个 %2 被认成 %3</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="107"/>
        <source>All %1 digits labelled %2 (click to see them)</source>
        <translation>全部 %1 个标注为 %2 的数字（点击查看）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="109"/>
        <source>%1 digits given no digit</source>
        <translation>%1 个数字未给出数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="110"/>
        <source>%1 digits read as %2</source>
        <translation>%1 个数字被认成 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="179"/>
        <source>Read as (– no digit)</source>
        <translation>识别为（– 表示无数字）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/confusion_view.py" line="180"/>
        <source>True digit</source>
        <translation>真实数字</translation>
    </message>
</context>
<context>
    <name>ConvolutionTerms</name>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="66"/>
        <source>input patch</source>
        <translation>输入块</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="66"/>
        <source>kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="66"/>
        <source>products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="66"/>
        <source>sum</source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="92"/>
        <source>%1 map %2</source>
        <translation>%1 特征图 %2</translation>
    </message>
</context>
<context>
    <name>DigitListModel</name>
    <message>
        <location filename="../../app/pages/explorer/digit_grid.py" line="84"/>
        <source>Test digit #%1, labelled %2</source>
        <translation>测试数字 #%1，标注为 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/digit_grid.py" line="86"/>
        <source>Your sample #%1, labelled %2</source>
        <translation>你的样本 #%1，标注为 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/digit_grid.py" line="88"/>
        <source>no digit given</source>
        <translation>未给出数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/digit_grid.py" line="90"/>
        <source>read as %1 (%2 sure)</source>
        <translation>识别为 %1（把握 %2）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/digit_grid.py" line="94"/>
        <source>Before the fine-tune: %1</source>
        <translation>微调之前：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/digit_grid.py" line="95"/>
        <source>Double-click: put it on the Recognise page&apos;s sheet</source>
        <translation>双击：把它放到“识别”页的画纸上</translation>
    </message>
</context>
<context>
    <name>Equations</name>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="21"/>
        <source>%1 map %2, row %3, column %4</source>
        <translation>%1 特征图 %2，第 %3 行，第 %4 列</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="28"/>
        <source>Output unit of the digit %1</source>
        <translation>数字 %1 的输出单元</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="29"/>
        <source>%1 unit %2</source>
        <translation>%1 单元 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="36"/>
        <source>A convolution: the 5×5 patch of the input under the kernel is multiplied by the kernel term by term, the products are added up, the bias is added, and the activation squashes the sum.</source>
        <translation>卷积：卷积核下方 5×5 的输入块与卷积核逐项相乘，乘积相加，再加上偏置，最后由激活函数压缩。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="43"/>
        <source>A convolution: the 5×5 patch of the input under the kernel is multiplied by the kernel term by term and the products are added up; batch norm and the activation (ReLU) follow.</source>
        <translation>卷积：卷积核下方 5×5 的输入块与卷积核逐项相乘，乘积相加；随后是批归一化和激活函数（ReLU）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="52"/>
        <source>A convolution over the S2 maps this map reads by the paper&apos;s table (%1): one 5×5 kernel per map, all the products added up, plus the bias, then the activation.</source>
        <translation>对本特征图按论文连接表读取的 S2 特征图（%1）做卷积：每个特征图一个 5×5 卷积核，所有乘积相加，加上偏置，再经过激活函数。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="59"/>
        <source>A convolution over all six S2 maps: one 5×5 kernel per map, all the products added up, then batch norm and the activation.</source>
        <translation>对全部六个 S2 特征图做卷积：每个特征图一个 5×5 卷积核，所有乘积相加，然后经过批归一化和激活函数。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="65"/>
        <source>A convolution over all sixteen S4 maps. S4 is 5×5, so the kernel fits exactly once: every C5 unit sees the whole drawing.</source>
        <translation>对全部十六个 S4 特征图做卷积。S4 是 5×5，卷积核恰好只放得下一次：每个 C5 单元都看到整幅图。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="72"/>
        <source>Subsampling: the four values of a 2×2 window are added up, multiplied by the map&apos;s trainable coefficient, the bias is added, and the activation squashes the result.</source>
        <translation>下采样：2×2 窗口的四个值相加，乘以该特征图可训练的系数，加上偏置，再由激活函数压缩。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="78"/>
        <source>Max pooling: the largest of the four values of a 2×2 window.</source>
        <translation>最大池化：取 2×2 窗口四个值中最大的一个。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="83"/>
        <source>A fully connected unit: each of the 120 C5 values times its weight, all added up, plus the bias, then the activation.</source>
        <translation>全连接单元：120 个 C5 值各乘以其权重，全部相加，加上偏置，再经过激活函数。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="89"/>
        <source>An RBF unit: the squared distance between F6 and the digit&apos;s fixed 7×12 prototype. Every digit is measured this way; the closest one is the answer, and softmax(−distance) gives the probabilities.</source>
        <translation>RBF 单元：F6 与该数字固定的 7×12 原型之间的平方距离。每个数字都这样度量；最近的就是答案，softmax(−距离) 给出概率。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="95"/>
        <source>A linear unit: F6 times the digit&apos;s weights, plus its bias, gives its score (logit); softmax turns the ten scores into probabilities, and the largest is the answer.</source>
        <translation>线性单元：F6 乘以该数字的权重，加上其偏置，得到它的得分（logit）；softmax 把十个得分变成概率，最大的就是答案。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="105"/>
        <source>activation: 1.7159 · tanh(2 · %1 / 3) = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>激活：1.7159 · tanh(2 · %1 / 3) = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="110"/>
        <source>activation (ReLU): max(0, %1) = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>激活（ReLU）：max(0, %1) = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="124"/>
        <source>sum of the %1 products = %2</source>
        <translation>%1 个乘积之和 = %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="132"/>
        <source>+ bias %1 = %2</source>
        <translation>+ 偏置 %1 = %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="141"/>
        <source>batch norm: (%1 − %2) / √(%3 + %4) · %5 + %6 = %7</source>
        <translation>批归一化：(%1 − %2) / √(%3 + %4) · %5 + %6 = %7</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="158"/>
        <source>largest of the four = &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>四个值中最大 = &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="165"/>
        <source>sum of the four = %1</source>
        <translation>四个值之和 = %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="169"/>
        <source>× coefficient %1 + bias %2 = %3</source>
        <translation>× 系数 %1 + 偏置 %2 = %3</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="181"/>
        <source>distance to the prototype of %1 = &lt;b&gt;%2&lt;/b&gt; (lower is closer)</source>
        <translation>到 %1 的原型的距离 = &lt;b&gt;%2&lt;/b&gt;（越小越接近）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="192"/>
        <source>sum of the 84 products + bias %1 = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>84 个乘积之和 + 偏置 %1 = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="199"/>
        <source>probability of %1: %2 · the answer: %3</source>
        <translation>%1 的概率：%2 · 答案：%3</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/equations.py" line="209"/>
        <source>The network computed %1 for this unit in its forward pass.</source>
        <translation>网络在前向传播中为该单元算出的值是 %1。</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="170"/>
        <source>output: distance from F6 to each prototype, smallest wins</source>
        <translation>输出：F6 到每个原型的距离，最小者胜</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="171"/>
        <source>distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="173"/>
        <source>output: each digit&apos;s score (logit), largest wins</source>
        <translation>输出：每个数字的得分（logit），最大者胜</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="173"/>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="220"/>
        <source>Classic LeNet-5</source>
        <translation>经典 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="220"/>
        <source>Modern LeNet-5</source>
        <translation>现代 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="324"/>
        <source>LeNet Digits · %1</source>
        <translation>LeNet 手写数字 · %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="342"/>
        <source>Export as PNG</source>
        <translation>导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="345"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="375"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="376"/>
        <source>Saliency</source>
        <translation>显著性</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="377"/>
        <source>RBF prototypes</source>
        <translation>RBF 原型</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="377"/>
        <source>Output weights</source>
        <translation>输出权重</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="378"/>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="379"/>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="383"/>
        <source>Every layer of the network reading your drawing; hover a unit, click it for its arithmetic</source>
        <translation>网络的每一层如何读你的图；悬停查看单元，点击查看它的计算</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="385"/>
        <source>Which pixels of your drawing made the network decide</source>
        <translation>你画的哪些像素让网络做出了判断</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="386"/>
        <source>What the output layer compares F6 with</source>
        <translation>输出层拿 F6 和什么比较</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="387"/>
        <source>The learned kernels of C1 and C3</source>
        <translation>C1 和 C3 学到的卷积核</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/panel.py" line="388"/>
        <source>The classic and the modern LeNet-5 reading the same drawing</source>
        <translation>经典与现代 LeNet-5 读同一幅图</translation>
    </message>
</context>
<context>
    <name>ExplorerPage</name>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="110"/>
        <source>%1 digits the fine-tune fixed</source>
        <translation>微调纠正了 %1 个数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="112"/>
        <source>%1 digits the fine-tune broke</source>
        <translation>微调弄错了 %1 个数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="114"/>
        <source>%1 digits read wrongly or not at all</source>
        <translation>%1 个数字被认错或未被识别</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="117"/>
        <source>%1 × %2 given no digit</source>
        <translation>%1 个 %2 未给出数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="119"/>
        <source>%1 × %2 read right</source>
        <translation>%1 个 %2 识别正确</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="120"/>
        <source>%1 × %2 read as %3</source>
        <translation>%1 个 %2 被认成 %3</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="122"/>
        <source>All %1 digits labelled %2</source>
        <translation>全部 %1 个标注为 %2 的数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="124"/>
        <source>%1 digits given no digit</source>
        <translation>%1 个数字未给出数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="125"/>
        <source>%1 digits read as %2</source>
        <translation>%1 个数字被认成 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="132"/>
        <source>Reading the digits…</source>
        <translation>正在读取数字…</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="135"/>
        <source>The %1 MNIST test digits, from %2.</source>
        <translation>%1 个 MNIST 测试数字，来自 %2。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="138"/>
        <source>MNIST was not found, so these are the %1 test digits shipped with the app. To explore all 10,000, download MNIST or choose its folder on the Learn page.</source>
        <translation>未找到 MNIST，因此这里是应用自带的 %1 个测试数字。要浏览全部 10,000 个，请在“学习”页下载 MNIST 或选择它所在的文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="146"/>
        <source>You have no samples yet: draw some on the Train page.</source>
        <translation>你还没有样本：请先在“训练”页画一些。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="147"/>
        <source>Your %1 samples.</source>
        <translation>你的 %1 个样本。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/comparison.py" line="149"/>
        <source>%1 could not be read and are left out.</source>
        <translation>%1 个无法读取，已略过。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="250"/>
        <source>The digits could not be answered: %1</source>
        <translation>无法识别这些数字：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="285"/>
        <source>All errors</source>
        <translation>全部错误</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="296"/>
        <source>%1 of %2 read right (%3)</source>
        <translation>%2 个中识别正确 %1 个（%3）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="299"/>
        <source>Against %1: %2 fixed, %3 broken</source>
        <translation>与 %1 相比：纠正 %2 个，弄错 %3 个</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="305"/>
        <source>Fixed (%1)</source>
        <translation>已纠正（%1）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="305"/>
        <source>Broken (%1)</source>
        <translation>新出错（%1）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="306"/>
        <source>All errors (%1)</source>
        <translation>全部错误（%1）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="340"/>
        <source>Model in use</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="342"/>
        <source>Fine-tune result (not kept yet)</source>
        <translation>微调结果（尚未保留）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="348"/>
        <source>Explore</source>
        <translation>浏览错误</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="351"/>
        <source>Where the model goes wrong: the test digits and your samples, with its answers</source>
        <translation>模型在哪里出错：测试数字和你的样本，以及模型的回答</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="366"/>
        <source>MNIST test digits</source>
        <translation>MNIST 测试数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="366"/>
        <source>Your samples</source>
        <translation>你的样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="368"/>
        <source>Least sure first</source>
        <translation>把握最小的在前</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="368"/>
        <source>Most sure first</source>
        <translation>把握最大的在前</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="368"/>
        <source>In order</source>
        <translation>按原顺序</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="370"/>
        <source>Show on the sheet</source>
        <translation>放到画纸上</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="371"/>
        <source>Put the selected digit on the Recognise page to see its maps</source>
        <translation>把选中的数字放到“识别”页，查看它的特征图</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="372"/>
        <source>Every digit read wrongly or not at all</source>
        <translation>所有被认错或未被识别的数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="373"/>
        <source>Read wrongly before the fine-tune, rightly after</source>
        <translation>微调前认错、微调后认对的数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explorer/page.py" line="374"/>
        <source>Read rightly before the fine-tune, wrongly after</source>
        <translation>微调前认对、微调后认错的数字</translation>
    </message>
</context>
<context>
    <name>FiltersView</name>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="183"/>
        <source>C3 map %1 does not read S2 map %2 (the paper&apos;s table)</source>
        <translation>C3 特征图 %1 不读取 S2 特征图 %2（论文的连接表）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="187"/>
        <source>S2 %1</source>
        <translation>S2 %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="194"/>
        <source>C1 kernel %1</source>
        <translation>C1 卷积核 %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="196"/>
        <source>C3 map %1, kernel on S2 map %2</source>
        <translation>C3 特征图 %1，作用于 S2 特征图 %2 的卷积核</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="201"/>
        <source>C1: six 5×5 kernels over the input</source>
        <translation>C1：作用于输入的六个 5×5 卷积核</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="203"/>
        <source>C3: the 5×5 kernel each C3 map (columns) applies to each S2 map (rows)</source>
        <translation>C3：每个 C3 特征图（列）作用于每个 S2 特征图（行）的 5×5 卷积核</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="207"/>
        <source>Empty places: the classic LeNet-5 connects only 60 of the 96 pairs, by the paper&apos;s table. Red weights add the input under them, blue ones subtract it. Hover a kernel for its numbers.</source>
        <translation>空位：按论文的连接表，经典 LeNet-5 在 96 对中只连接了 60 对。红色权重加上其下方的输入，蓝色权重减去它。悬停卷积核可看数值。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="212"/>
        <source>Red weights add the input under them, blue ones subtract it. Hover a kernel for its numbers.</source>
        <translation>红色权重加上其下方的输入，蓝色权重减去它。悬停卷积核可看数值。</translation>
    </message>
</context>
<context>
    <name>FineTunePanel</name>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="161"/>
        <source>Preparing your samples and the MNIST digits…</source>
        <translation>正在准备你的样本和 MNIST 数字…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="173"/>
        <source>Epoch %1 of %2, step %3 of %4: %5 left</source>
        <translation>第 %1/%2 轮，第 %3/%4 步：剩余 %5</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="178"/>
        <source>estimating</source>
        <translation>估算中</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="212"/>
        <source>Finished in %1 on %2. Keep the new model or discard it.</source>
        <translation>在 %2 上用时 %1 完成。保留新模型或丢弃它。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="247"/>
        <source>All layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="248"/>
        <source>Classifier only (C5, F6, output)</source>
        <translation>仅分类器（C5、F6、输出层）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="249"/>
        <source>Last layers only (F6, output)</source>
        <translation>仅最后几层（F6、输出层）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="254"/>
        <source>Fine-tune %1 on my samples</source>
        <translation>用我的样本微调 %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="256"/>
        <source>Fine-tune on my samples</source>
        <translation>用我的样本微调</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="259"/>
        <source>Train a copy of the model in use on your samples; the model in use is not changed until you keep the result</source>
        <translation>用你的样本训练当前模型的副本；在你保留结果之前，当前模型不会改变</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="268"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="269"/>
        <source>Stop now; the model in use stays as it was</source>
        <translation>立即停止；当前模型保持不变</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="270"/>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="271"/>
        <source>Epochs, learning rate and which layers train</source>
        <translation>训练轮数、学习率以及训练哪些层</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="272"/>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="273"/>
        <source>Passes over your samples (each one freshly distorted)</source>
        <translation>遍历你的样本的次数（每次都重新随机变形）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="274"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="276"/>
        <source>Step size of the optimiser (Adam); too high makes the loss NaN</source>
        <translation>优化器（Adam）的步长；过大会使损失变为 NaN</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="278"/>
        <source>Layers that train:</source>
        <translation>参与训练的层：</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="279"/>
        <source>Training fewer layers changes the model less</source>
        <translation>训练的层越少，模型改变越小</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_panel.py" line="282"/>
        <source>Progress of the run</source>
        <translation>本次训练的进度</translation>
    </message>
</context>
<context>
    <name>FineTuneResultBox</name>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="137"/>
        <source>Your %1: read as %2 before, %3 now (fixed)</source>
        <translation>你的 %1：之前识别为 %2，现在为 %3（已纠正）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="139"/>
        <source>Your %1: read as %2 before, %3 now</source>
        <translation>你的 %1：之前识别为 %2，现在为 %3</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="160"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="161"/>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="162"/>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="163"/>
        <source>Your held-out samples</source>
        <translation>你的保留样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="165"/>
        <source>Some of your samples of each digit are kept out of training to measure honestly</source>
        <translation>每个数字都留出一部分样本不参与训练，以便客观地评估</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="167"/>
        <source>MNIST test digits</source>
        <translation>MNIST 测试数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="168"/>
        <source>1,000 MNIST test digits: the model should not forget them</source>
        <translation>1000 个 MNIST 测试数字：模型不应忘记它们</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="169"/>
        <source>Name of the new model (optional)</source>
        <translation>新模型的名称（可选）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="170"/>
        <source>How the kept model is listed in the Model menu</source>
        <translation>保留的模型在“模型”菜单中显示的名称</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="172"/>
        <source>Keep anyway</source>
        <translation>仍然保留</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="172"/>
        <source>Keep and use</source>
        <translation>保留并使用</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="173"/>
        <source>Save the new model as a new version and recognise with it</source>
        <translation>将新模型保存为新版本并用它识别</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="174"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="176"/>
        <source>Save the new model to a file of your choice (another folder, a USB stick)</source>
        <translation>把新模型保存到你选择的文件（其他文件夹、U 盘）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="178"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="179"/>
        <source>Throw the new model away; the model in use stays</source>
        <translation>丢弃新模型；当前模型保持不变</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="193"/>
        <source>Too few samples to hold some out (at least %1 are needed), so there is no before/after on your own digits.</source>
        <translation>样本太少，无法留出一部分（至少需要 %1 个），因此没有你自己数字上的前后对比。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="202"/>
        <source>Held-out samples read differently now: %1 (%2 fixed)</source>
        <translation>识别结果发生变化的保留样本：%1 个（%2 个已纠正）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="209"/>
        <source>Skipped %1 samples whose image cannot be read: #%2</source>
        <translation>跳过了 %1 个图像无法读取的样本：#%2</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="217"/>
        <source>Skipped %1 samples: %2</source>
        <translation>跳过了 %1 个样本：%2</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="226"/>
        <source>Trained on %1 samples; %2 more were held out to measure the result.</source>
        <translation>用 %1 个样本训练；另外 %2 个样本留作评估，未参与训练。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="232"/>
        <source>Trained on %1 samples.</source>
        <translation>在 %1 个样本上训练。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/fine_tune_result.py" line="238"/>
        <source>Warning: this model reads ordinary digits much worse than before (MNIST %1 → %2). It learned your samples by forgetting what it knew, and would misread many digits. Discard it and fine-tune again with a lower learning rate or fewer epochs.</source>
        <translation>警告：这个模型识别普通数字的能力比以前差得多（MNIST %1 → %2）。它学会了你的样本，却忘掉了原来会的东西，会认错许多数字。请放弃它，用更低的学习率或更少的轮数重新微调。</translation>
    </message>
</context>
<context>
    <name>FullTerms</name>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="105"/>
        <source>C5 values</source>
        <translation>C5 值</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="105"/>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="105"/>
        <source>products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="127"/>
        <source>Largest contributions:</source>
        <translation>贡献最大的项：</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="131"/>
        <source>C5 unit %1: %2 × %3 = %4</source>
        <translation>C5 单元 %1：%2 × %3 = %4</translation>
    </message>
</context>
<context>
    <name>KernelView</name>
    <message>
        <location filename="../../app/pages/learn/kernel_view.py" line="70"/>
        <source>The kernels appear here once training starts.</source>
        <translation>训练开始后，卷积核会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/kernel_view.py" line="81"/>
        <source>Top: the six C1 kernels. Below: the first C3 kernels, one row each, a 5x5 slice per S2 map. Blue is negative, red positive, white zero.</source>
        <translation>上：C1 的六个卷积核。下：前几个 C3 卷积核，每行一个，每张 S2 图对应一个 5x5 切片。蓝色为负，红色为正，白色为零。</translation>
    </message>
</context>
<context>
    <name>LayerNotes</name>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="60"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="61"/>
        <source>convolution 5×5</source>
        <translation>卷积 5×5</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="62"/>
        <source>subsampling 2×2 (trainable sum)</source>
        <translation>下采样 2×2（可训练的求和）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="63"/>
        <source>max pooling 2×2</source>
        <translation>最大池化 2×2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="64"/>
        <source>fully connected</source>
        <translation>全连接</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="65"/>
        <source>radial basis functions</source>
        <translation>径向基函数</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="66"/>
        <source>linear, softmax</source>
        <translation>线性，softmax</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="73"/>
        <source>Your drawing after MNIST&apos;s preprocessing: scaled into a 20×20 box, centred by its mass, padded to 32×32. Paper is −0.1 and full ink 1.175, so that the mean is near 0.</source>
        <translation>经过 MNIST 预处理的你的图：缩放进 20×20 的框，按质心居中，再填充到 32×32。纸面为 −0.1，满墨为 1.175，使均值接近 0。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="77"/>
        <source>Six 5×5 kernels slide over the input one pixel at a time; each map shows where its kernel&apos;s pattern (an edge, a stroke direction) lies in your drawing.</source>
        <translation>六个 5×5 卷积核在输入上每次滑动一个像素；每个特征图显示其卷积核的模式（边缘、笔画方向）在你的图中的位置。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="81"/>
        <source>Each unit adds up a 2×2 block of its C1 map, multiplies the sum by a trainable coefficient, adds a bias and squashes it: half the resolution, a little tolerance to shifts.</source>
        <translation>每个单元把其 C1 特征图中一个 2×2 块相加，乘以可训练的系数，加上偏置再压缩：分辨率减半，对平移多一点容忍。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="87"/>
        <source>Each unit keeps the largest of a 2×2 block of its C1 map: half the resolution, a little tolerance to shifts.</source>
        <translation>每个单元保留其 C1 特征图中 2×2 块的最大值：分辨率减半，对平移多一点容忍。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="91"/>
        <source>Sixteen maps; each reads only some S2 maps (three, four or all six, by the paper&apos;s table), which saves connections and makes the maps learn different features.</source>
        <translation>十六个特征图；每个只读取部分 S2 特征图（按论文的连接表，三个、四个或全部六个），既节省连接，又让各特征图学到不同的特征。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="95"/>
        <source>Sixteen maps; each reads all six S2 maps with a 5×5 kernel per map.</source>
        <translation>十六个特征图；每个用每图一个 5×5 卷积核读取全部六个 S2 特征图。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="96"/>
        <source>Subsampling again, as in S2: each map halves its C3 map to 5×5.</source>
        <translation>再次下采样，与 S2 相同：每个特征图把其 C3 特征图减半为 5×5。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="98"/>
        <source>120 units, each a 5×5 convolution over all sixteen S4 maps. S4 is 5×5, so every unit sees the whole drawing.</source>
        <translation>120 个单元，每个都是对全部十六个 S4 特征图的 5×5 卷积。S4 是 5×5，所以每个单元都看到整幅图。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="102"/>
        <source>84 units, each a weighted sum of all 120 C5 units. They are trained to draw the 7×12 bitmap of the digit: see the RBF prototypes.</source>
        <translation>84 个单元，每个是全部 120 个 C5 单元的加权和。它们被训练成画出数字的 7×12 位图：见 RBF 原型。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="106"/>
        <source>84 units, each a weighted sum of all 120 C5 units, through ReLU.</source>
        <translation>84 个单元，每个是全部 120 个 C5 单元的加权和，经过 ReLU。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="108"/>
        <source>Ten RBF units: each is the squared distance from F6 to its digit&apos;s fixed 7×12 prototype. The nearest prototype wins; lower is better.</source>
        <translation>十个 RBF 单元：每个是 F6 到其数字固定的 7×12 原型的平方距离。最近的原型胜出；越小越好。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="113"/>
        <source>Ten linear units (logits), turned into probabilities by softmax: the largest wins.</source>
        <translation>十个线性单元（logit），由 softmax 变成概率：最大者胜。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="123"/>
        <source>Hover a layer or a unit for what it computes; click a unit for its arithmetic.</source>
        <translation>悬停某层或某个单元查看它计算什么；点击单元查看它的算式。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="129"/>
        <source>%1 maps %2</source>
        <translation>%1 个特征图 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="131"/>
        <source>%1 units</source>
        <translation>%1 个单元</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="138"/>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/notes.py" line="139"/>
        <source>%1 connections</source>
        <translation>%1 个连接</translation>
    </message>
</context>
<context>
    <name>LearnChart</name>
    <message>
        <location filename="../../app/pages/learn/learn_chart.py" line="127"/>
        <source>The chart cannot be shown: %1. Training works without it; the figures beside it are complete.</source>
        <translation>无法显示图表：%1。训练不受影响；旁边的数字是完整的。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/learn_chart.py" line="131"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/learn_chart.py" line="132"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/learn_chart.py" line="133"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/learn_chart.py" line="134"/>
        <source>Loss and accuracy appear here while a model learns</source>
        <translation>模型学习时，这里会显示损失和准确率</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/learn_chart.py" line="135"/>
        <source>Loss (top); accuracy on the training batches (blue) and on the 10,000 MNIST test digits (green dots, measured every few seconds)</source>
        <translation>损失（上）；训练批次上的准确率（蓝）和 10,000 个 MNIST 测试数字上的准确率（绿点，每隔几秒测量一次）</translation>
    </message>
</context>
<context>
    <name>LearnPage</name>
    <message>
        <location filename="../../app/pages/learn/page.py" line="171"/>
        <source>MNIST: %1</source>
        <translation>MNIST：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="176"/>
        <source>MNIST was not found in %1. Choose the folder that holds its four files (train-images, train-labels, t10k-images, t10k-labels), or download them (about 11 MB, checked by SHA-256).</source>
        <translation>在 %1 中没有找到 MNIST。请选择存放其四个文件（train-images、train-labels、t10k-images、t10k-labels）的文件夹，或下载它们（约 11 MB，以 SHA-256 校验）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="182"/>
        <source>Folder with the MNIST files</source>
        <translation>存放 MNIST 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="191"/>
        <source>Downloading MNIST (about 11 MB)…</source>
        <translation>正在下载 MNIST（约 11 MB）…</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="210"/>
        <source>Preparing MNIST…</source>
        <translation>正在准备 MNIST…</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="238"/>
        <source>Preparing MNIST once: %1 of %2</source>
        <translation>首次准备 MNIST：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="247"/>
        <source>Training on %1: %2 training digits, %3 test digits</source>
        <translation>在 %1 上训练：%2 个训练数字，%3 个测试数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="256"/>
        <source>%1 / %2 (epoch %3 of %4)</source>
        <translation>%1 / %2（第 %3 / %4 轮）</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="261"/>
        <source>%1 images/s</source>
        <translation>%1 张图像/秒</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="263"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="279"/>
        <source>Draw a digit: the network in training reads it between two steps.</source>
        <translation>写一个数字：训练中的网络会在两步之间识别它。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="283"/>
        <source>The network in training reads %1 (%2).</source>
        <translation>训练中的网络认为是 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="296"/>
        <source>Learned %1, %2 on MNIST</source>
        <translation>从头训练的%1，MNIST 上 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="300"/>
        <source>The trained model could not be kept: %1</source>
        <translation>无法保存训练好的模型：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="303"/>
        <source>Done in %1 s: %2 of the test digits read right. Kept in your models as “%3” and now in use.</source>
        <translation>用时 %1 秒完成：测试数字的正确率为 %2。已保存到你的模型中，名为“%3”，并已启用。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="309"/>
        <source>MNIST could not be read: %1</source>
        <translation>无法读取 MNIST：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="311"/>
        <source>Training diverged and was stopped: %1</source>
        <translation>训练发散，已停止：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="313"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="317"/>
        <source>Cancelled: the model in use is unchanged.</source>
        <translation>已取消：当前使用的模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="325"/>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="328"/>
        <source>Train a fresh LeNet-5 on MNIST and watch it learn</source>
        <translation>在 MNIST 上从头训练一个 LeNet-5，看它如何学习</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="342"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="343"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="344"/>
        <source>Modern LeNet-5</source>
        <translation>现代 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="345"/>
        <source>Classic LeNet-5 (1998)</source>
        <translation>经典 LeNet-5（1998）</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="346"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="347"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="348"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="349"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="350"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="351"/>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="351"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="352"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="352"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="355"/>
        <source>Train a fresh model on the 60,000 MNIST training digits</source>
        <translation>在 60,000 个 MNIST 训练数字上训练一个新模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="356"/>
        <source>Share of the 10,000 MNIST test digits read right</source>
        <translation>10,000 个 MNIST 测试数字中识别正确的比例</translation>
    </message>
    <message>
        <location filename="../../app/pages/learn/page.py" line="357"/>
        <source>Draw a digit: the network in training reads it as it learns</source>
        <translation>写一个数字：训练中的网络边学边识别它</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/window/main_window.py" line="177"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="185"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="201"/>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <location filename="../../app/models.py" line="51"/>
        <source>Classic LeNet-5 (1998)</source>
        <translation>经典 LeNet-5（1998）</translation>
    </message>
    <message>
        <location filename="../../app/models.py" line="52"/>
        <source>Modern LeNet-5</source>
        <translation>现代 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/models.py" line="54"/>
        <source>Trained: %1</source>
        <translation>已训练：%1</translation>
    </message>
    <message>
        <location filename="../../app/models.py" line="55"/>
        <source>Fine-tuned: %1</source>
        <translation>微调模型：%1</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="115"/>
        <location filename="../../app/window/main_window.py" line="259"/>
        <source>About LeNet Digits</source>
        <translation>关于 LeNet Digits</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="163"/>
        <source>LeNet Digits</source>
        <translation>LeNet Digits 手写数字</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="36"/>
        <source>&amp;Open image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="37"/>
        <source>Recognise a digit from an image file</source>
        <translation>识别图像文件中的数字</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="41"/>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="42"/>
        <source>Recognise the image on the clipboard</source>
        <translation>识别剪贴板中的图像</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="46"/>
        <source>Export &amp;feature maps…</source>
        <translation>导出特征图(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="47"/>
        <source>Save the current feature maps as PNG</source>
        <translation>将当前特征图保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="51"/>
        <source>Export &amp;canvas…</source>
        <translation>导出画布(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="52"/>
        <source>Save the drawing as PNG</source>
        <translation>将画布保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="56"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="57"/>
        <source>Close LeNet Digits</source>
        <translation>关闭 LeNet Digits</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="71"/>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="61"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="62"/>
        <source>Take back the last change: a stroke, Clear, an opened image</source>
        <translation>撤销画纸上的最后一次改动：一笔、清空或打开的图像</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="66"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="67"/>
        <source>Put back the change taken back</source>
        <translation>恢复刚撤销的改动</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="72"/>
        <source>Start again on an empty sheet (Esc, Delete; Ctrl+Z brings it back)</source>
        <translation>在空白画纸上重新开始（Esc、Delete；Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="76"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="77"/>
        <source>Erase with the pen (the right mouse button always erases)</source>
        <translation>用笔擦除（鼠标右键始终为擦除）</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="82"/>
        <source>Pen &amp;wider</source>
        <translation>笔变粗(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="83"/>
        <source>Make the pen wider</source>
        <translation>让笔更粗</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="87"/>
        <source>Pen &amp;thinner</source>
        <translation>笔变细(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="88"/>
        <source>Make the pen thinner</source>
        <translation>让笔更细</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="92"/>
        <source>&amp;Rescan fine-tuned models</source>
        <translation>重新扫描微调模型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="93"/>
        <source>List models saved by the training tab</source>
        <translation>列出训练页保存的模型</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="97"/>
        <source>Wrong? It &amp;is a…</source>
        <translation>错了？它是(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="98"/>
        <source>The prediction was wrong: add the drawing to your samples with the right digit</source>
        <translation>识别错了：把这幅图以正确的数字加入你的样本</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="104"/>
        <source>&amp;Recognise</source>
        <translation>识别(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="105"/>
        <source>Show the Recognise tab</source>
        <translation>显示“识别”标签页</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="109"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="110"/>
        <source>Show the Train tab: your samples and fine-tuning</source>
        <translation>显示“训练”标签页：你的样本和微调</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="114"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="147"/>
        <source>&amp;Automatic (GPU if present)</source>
        <translation>自动（有 GPU 时使用 GPU）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="148"/>
        <source>Use a GPU when there is one, else the CPU</source>
        <translation>有 GPU 时使用 GPU，否则使用 CPU</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="153"/>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="154"/>
        <source>Run the network on the CPU</source>
        <translation>在 CPU 上运行网络</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="159"/>
        <source>C&amp;UDA GPU</source>
        <translation>C&amp;UDA GPU</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="160"/>
        <source>Run the network on the NVIDIA GPU</source>
        <translation>在 NVIDIA GPU 上运行网络</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="165"/>
        <source>&amp;Apple GPU (MPS)</source>
        <translation>Apple GPU（MPS）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="166"/>
        <source>Run the network on the Apple GPU</source>
        <translation>在 Apple GPU 上运行网络</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="174"/>
        <source>&amp;System language</source>
        <translation>跟随系统语言(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="175"/>
        <source>Follow the system&apos;s language</source>
        <translation>跟随操作系统的语言</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="168"/>
        <source>The network in use</source>
        <translation>正在使用的网络</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="169"/>
        <source>Where the network runs</source>
        <translation>网络运行的设备</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="170"/>
        <source>The network&apos;s answer for the sheet</source>
        <translation>网络对画纸内容的回答</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="171"/>
        <source>Time of the last inference, preprocessing included</source>
        <translation>上一次推理耗时（含预处理）</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="177"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="244"/>
        <source>LeNet Digits %1</source>
        <translation>LeNet 手写数字 %1</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="245"/>
        <source>Draw a digit and watch LeNet-5 read it, layer by layer.</source>
        <translation>写一个数字，看 LeNet-5 如何逐层读懂它。</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="246"/>
        <source>The network is the one described in: %1.</source>
        <translation>网络即以下论文所描述的：%1。</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="247"/>
        <source>Licence: MIT. Built with Qt for Python (PySide6, LGPLv3) and PyTorch (BSD).</source>
        <translation>许可证：MIT。基于 Qt for Python（PySide6，LGPLv3）和 PyTorch（BSD）构建。</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="248"/>
        <source>LeNet-5 on its authors’ page:</source>
        <translation>作者的 LeNet-5 页面：</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="113"/>
        <source>Keep the fine-tuned model?</source>
        <translation>保留微调后的模型吗？</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="114"/>
        <source>The model you fine-tuned has not been kept yet. Keep it before closing?</source>
        <translation>刚微调的模型还没有保留。关闭前要保留它吗？</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="127"/>
        <source>The model was not saved</source>
        <translation>模型未保存</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="129"/>
        <source>The fine-tuned model could not be saved, so it is still only in memory.</source>
        <translation>微调后的模型未能保存，目前只在内存中。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="136"/>
        <source>Save it to another folder, discard it, or cancel to keep the window open.</source>
        <translation>把它保存到其他文件夹、放弃它，或者取消以保持窗口打开。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="141"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../app/main.py" line="77"/>
        <source>Something went wrong: %1 (details on the terminal)</source>
        <translation>出错了：%1（详情见终端）</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="188"/>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="153"/>
        <source>Reset to the shipped model</source>
        <translation>恢复为自带模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="156"/>
        <source>Stop using “%1” and go back to %2, the model shipped with the app? Your kept models stay in the list.</source>
        <translation>停止使用“%1”，回到应用自带的 %2 吗？你保留的模型仍在列表中。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="189"/>
        <source>New name of “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="202"/>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="203"/>
        <source>Delete the model “%1”? Its file is removed; this cannot be undone.</source>
        <translation>删除模型“%1”？其文件将被删除，此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="218"/>
        <source>“%1” exported to %2</source>
        <translation>“%1”已导出到 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="222"/>
        <source>Could not export “%1” to ONNX: %2</source>
        <translation>无法把“%1”导出为 ONNX：%2</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="227"/>
        <source>%1 (cannot be loaded)</source>
        <translation>%1（无法加载）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="229"/>
        <source>%1 (in use)</source>
        <translation>%1（使用中）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="236"/>
        <source>Shipped with the app, trained on MNIST</source>
        <translation>随应用提供，在 MNIST 上训练</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="240"/>
        <source>%1 architecture, kept %2, %3 samples</source>
        <translation>%1 架构，保留于 %2，%3 个样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="247"/>
        <source>Your held-out samples: %1 → %2; MNIST: %3 → %4</source>
        <translation>你的保留样本：%1 → %2；MNIST：%3 → %4</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="267"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="268"/>
        <source>Recognise with the selected model (double-click works too)</source>
        <translation>用选中的模型识别（也可双击）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="269"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="270"/>
        <source>Give the selected kept model another name</source>
        <translation>为选中的保留模型改名</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="271"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="272"/>
        <source>Delete the selected kept model&apos;s file</source>
        <translation>删除选中的保留模型的文件</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="273"/>
        <source>Export to ONNX…</source>
        <translation>导出为 ONNX…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="275"/>
        <source>Write the selected model as an ONNX file, to use it in other programs</source>
        <translation>把选中的模型写成 ONNX 文件，以便在其他程序中使用</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="277"/>
        <source>Reset to shipped</source>
        <translation>恢复为自带模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="279"/>
        <source>Go back to the shipped model of the same kind as the one in use (kept models stay)</source>
        <translation>回到与当前模型同类的自带模型（保留的模型不受影响）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_manager.py" line="281"/>
        <source>The shipped models and the ones you kept; the one in use is bold</source>
        <translation>自带模型和你保留的模型；使用中的以粗体显示</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_export.py" line="94"/>
        <source>Export to ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/model_export.py" line="96"/>
        <source>ONNX model (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <location filename="../../app/widgets/network_diagram.py" line="238"/>
        <source>%1 map %2, row %3, column %4</source>
        <translation>%1 特征图 %2，第 %3 行，第 %4 列</translation>
    </message>
    <message>
        <location filename="../../app/widgets/network_diagram.py" line="251"/>
        <source>%1 unit %2</source>
        <translation>%1 单元 %2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/network_diagram.py" line="255"/>
        <source>Click to see how it is computed</source>
        <translation>点击查看它是如何计算的</translation>
    </message>
    <message>
        <location filename="../../app/widgets/network_diagram.py" line="260"/>
        <source>blue −max · white 0 · red +max, each layer on its own scale</source>
        <translation>蓝 −最大 · 白 0 · 红 +最大，每层各用自己的刻度</translation>
    </message>
    <message>
        <location filename="../../app/widgets/network_diagram.py" line="263"/>
        <source>Hover a unit to see what feeds it and what it sees of your drawing; click it for its arithmetic</source>
        <translation>悬停单元可看到它的输入来自哪里、它看到你的图的哪一部分；点击查看它的算式</translation>
    </message>
</context>
<context>
    <name>OutputTerms</name>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="186"/>
        <source>F6 (your drawing)</source>
        <translation>F6（你的图）</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="188"/>
        <source>prototype of %1</source>
        <translation>%1 的原型</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="188"/>
        <source>weights of %1</source>
        <translation>%1 的权重</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="190"/>
        <source>(F6 − prototype)²</source>
        <translation>(F6 − 原型)²</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="190"/>
        <source>products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="194"/>
        <source>Σ (F6 − p)²</source>
        <translation>Σ (F6 − p)²</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="194"/>
        <source>Σ w·F6 + b</source>
        <translation>Σ w·F6 + b</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="195"/>
        <source>digit</source>
        <translation>数字</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="216"/>
        <source>The network&apos;s answer and its ten class probabilities: one colour for a confident digit, a warning colour for the candidates of a close call, grey when the drawing is not a digit.</source>
        <translation>网络的回答及十个类别的概率：有把握的数字用一种颜色，拿不准时的候选数字用警示色，不是数字时全部显示为灰色。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="220"/>
        <source>The probabilities average what the network gives for the drawing and for the drawing moved one pixel up, down, left and right; the maps are those of the drawing itself.</source>
        <translation>这些概率是网络对这幅图以及把它向上、下、左、右各移动一个像素后所给结果的平均；特征图显示的是这幅图本身的。</translation>
    </message>
</context>
<context>
    <name>PrototypesView</name>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="100"/>
        <location filename="../../app/pages/explain/weights_views.py" line="115"/>
        <source>F6 of your drawing</source>
        <translation>你的图的 F6</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="111"/>
        <source>F6 of your drawing beside the ten RBF prototypes, with the distance to each</source>
        <translation>你的图的 F6 与十个 RBF 原型并列，附到每个原型的距离</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="113"/>
        <source>F6 of your drawing beside the output weights of each digit, with its score</source>
        <translation>你的图的 F6 与每个数字的输出权重并列，附其得分</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="126"/>
        <source>The classic LeNet-5 compares F6 with a fixed bitmap of each digit (+1 ink, −1 paper) and answers with the nearest: the more your F6 looks like a prototype, the smaller its distance.</source>
        <translation>经典 LeNet-5 把 F6 与每个数字的固定位图（+1 墨，−1 纸）比较，答案是最近的那个：你的 F6 越像某个原型，到它的距离越小。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/weights_views.py" line="131"/>
        <source>The modern model has no prototypes: each digit&apos;s score is F6 times that digit&apos;s weights. Red weights reward F6 units that are high, blue ones punish them.</source>
        <translation>现代模型没有原型：每个数字的得分是 F6 乘以该数字的权重。红色权重奖励取值高的 F6 单元，蓝色权重惩罚它们。</translation>
    </message>
</context>
<context>
    <name>RecognisePage</name>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="114"/>
        <source>Recognise</source>
        <translation>识别</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="117"/>
        <source>Draw a digit and watch the network read it (Alt+1)</source>
        <translation>写一个数字，看网络如何识别它（Alt+1）</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="200"/>
        <source>Draw a digit: left button (or pen, or finger) draws, right button erases. Drop an image here.</source>
        <translation>在此写一个数字：左键（或手写笔、手指）书写，右键擦除。也可以把图像拖放到这里。</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="203"/>
        <source>Pen width, in % of the canvas side ([ and ])</source>
        <translation>笔宽，占画布边长的百分比（[ 和 ]）</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="204"/>
        <source>The last problem; it goes away with your next action</source>
        <translation>最近的问题；下一次操作后消失</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="205"/>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/page.py" line="210"/>
        <source>Pen %1 %</source>
        <translation>笔宽 %1 %</translation>
    </message>
</context>
<context>
    <name>RecognitionSession</name>
    <message>
        <location filename="../../app/session/recognition.py" line="79"/>
        <location filename="../../app/session/recognition.py" line="150"/>
        <source>Your fine-tuned models cannot be listed: %1</source>
        <translation>无法列出你微调的模型：%1</translation>
    </message>
    <message>
        <location filename="../../app/session/recognition.py" line="230"/>
        <source>Could not switch the model or device: %1</source>
        <translation>无法切换模型或设备：%1</translation>
    </message>
    <message>
        <location filename="../../app/session/recognition.py" line="272"/>
        <source>The dropped or pasted data is not an image.</source>
        <translation>拖放或粘贴的数据不是图像。</translation>
    </message>
    <message>
        <location filename="../../app/session/recognition.py" line="316"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <location filename="../../app/session/recognition.py" line="317"/>
        <source>No digit found in %1.</source>
        <translation>在 %1 中没有找到数字。</translation>
    </message>
    <message>
        <location filename="../../app/session/recognition.py" line="323"/>
        <source>Could not read the image: %1</source>
        <translation>无法读取图像：%1</translation>
    </message>
    <message>
        <location filename="../../app/session/recognition.py" line="325"/>
        <source>Recognition failed: %1</source>
        <translation>识别失败：%1</translation>
    </message>
</context>
<context>
    <name>SaliencyView</name>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="158"/>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="158"/>
        <source>Gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="158"/>
        <source>Integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="163"/>
        <source>Occlusion rubs out each 4×4 patch and measures how much the score drops; the gradient methods estimate the same from derivatives</source>
        <translation>遮挡法依次擦去每个 4×4 小块并测量得分下降多少；梯度法用导数估计同样的量</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="167"/>
        <source>the answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="168"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="169"/>
        <source>all other digits</source>
        <translation>所有其他数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="172"/>
        <source>Automatic: the runner-up when the answer is a close call (&quot;3 or 9?&quot;), else all other digits</source>
        <translation>自动：答案难分时（“3 还是 9？”）对比第二名，否则对比所有其他数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="175"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="176"/>
        <source>Evidence for</source>
        <translation>支持</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="177"/>
        <source>against</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="178"/>
        <source>Show on the drawing</source>
        <translation>显示在图上</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="179"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="180"/>
        <source>over what the network sees</source>
        <translation>叠加在网络看到的图上</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="181"/>
        <source>the heat map alone</source>
        <translation>仅热力图</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="185"/>
        <source>Draw a digit: the pixels that made the network decide light up.</source>
        <translation>写一个数字：让网络做出判断的像素会亮起来。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="189"/>
        <source>against %1</source>
        <translation>对比 %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="191"/>
        <source>against all other digits</source>
        <translation>对比所有其他数字</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="194"/>
        <source>log(p%1 / p%2) = %3</source>
        <translation>log(p%1 / p%2) = %3</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="196"/>
        <source>log(p / (1 − p)) = %1</source>
        <translation>log(p / (1 − p)) = %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/saliency_view.py" line="201"/>
        <source>Red: ink that speaks for %1 %2; blue: ink that speaks against it. Score %3 (computed in %4 ms).</source>
        <translation>红色：支持 %1（%2）的墨迹；蓝色：反对它的墨迹。得分 %3（用时 %4 毫秒）。</translation>
    </message>
</context>
<context>
    <name>SampleDrawingPanel</name>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="120"/>
        <source>Draw one digit (the right button erases), choose what it is, then Add (Enter)</source>
        <translation>写一个数字（右键擦除），选择它是几，然后添加（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="123"/>
        <source>This drawing is a %1 (key %1)</source>
        <translation>这幅图是 %1（按键 %1）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="124"/>
        <source>Add sample</source>
        <translation>添加样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="125"/>
        <source>Store the drawing with its digit and start a new one (Enter)</source>
        <translation>保存这幅图及其数字，并开始新的一幅（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="126"/>
        <source>Undo stroke</source>
        <translation>撤销笔画</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="127"/>
        <source>Take back the last stroke (Ctrl+Z)</source>
        <translation>撤销最后一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="128"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="129"/>
        <source>Start the drawing again (Esc)</source>
        <translation>重新开始绘制（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="136"/>
        <source>The model in use reads: %1</source>
        <translation>当前模型认为是：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="143"/>
        <source>Digit: press 0-9</source>
        <translation>数字：按 0-9</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_drawing.py" line="145"/>
        <source>Digit: %1</source>
        <translation>数字：%1</translation>
    </message>
</context>
<context>
    <name>SampleGallery</name>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="262"/>
        <source>Import samples: a folder with 0-9 inside</source>
        <translation>导入样本：包含 0-9 子文件夹的文件夹</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="267"/>
        <source>Export samples to a folder</source>
        <translation>把样本导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="291"/>
        <source>Relabel as</source>
        <translation>改标为</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="293"/>
        <source>Give the selected samples another digit (undoable)</source>
        <translation>为选中的样本改为另一个数字（可撤销）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="294"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="295"/>
        <source>Delete the selected samples (Delete; undoable)</source>
        <translation>删除选中的样本（Delete；可撤销）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="296"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="297"/>
        <source>Undo the last relabel or delete (Ctrl+Z in the gallery)</source>
        <translation>撤销上一次改标或删除（在样本库中按 Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="298"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="299"/>
        <source>Redo what was undone (Ctrl+Shift+Z in the gallery)</source>
        <translation>重做已撤销的操作（在样本库中按 Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="300"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="303"/>
        <source>Add every image of a folder laid out as &lt;digit&gt;/&lt;file&gt;.png (unreadable files are skipped and listed)</source>
        <translation>添加按 &lt;数字&gt;/&lt;文件&gt;.png 组织的文件夹中的所有图像（无法读取的文件会被跳过并列出）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="307"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="309"/>
        <source>Write every sample to a folder as &lt;digit&gt;/&lt;id&gt;.png (nothing is overwritten)</source>
        <translation>将所有样本以 &lt;数字&gt;/&lt;编号&gt;.png 写入文件夹（不会覆盖任何文件）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="313"/>
        <source>Your samples, newest first; orange: corrections, blue: imported. Select some to relabel or delete them (right-click for a menu)</source>
        <translation>你的样本，最新的在前；橙色：纠正，蓝色：导入。选中样本可改标或删除（右键打开菜单）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="322"/>
        <source>All %1</source>
        <translation>全部 %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="323"/>
        <source>Show the samples of every digit</source>
        <translation>显示所有数字的样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="329"/>
        <source>%1 samples of the digit %2; click to show only those</source>
        <translation>数字 %2 的样本 %1 个；点击只显示这些</translation>
    </message>
</context>
<context>
    <name>SampleListModel</name>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="92"/>
        <source>Sample #%1: the digit %2, %3, added %4</source>
        <translation>样本 #%1：数字 %2，%3，添加于 %4</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="104"/>
        <source>drawn</source>
        <translation>手写</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="105"/>
        <source>a correction from the recognise tab</source>
        <translation>来自“识别”标签页的纠正</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_gallery.py" line="106"/>
        <source>imported</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>SampleShelf</name>
    <message>
        <location filename="../../app/session/samples.py" line="74"/>
        <source>Your samples cannot be used, so adding and fine-tuning are off: %1</source>
        <translation>无法使用你的样本，因此添加和微调已停用：%1</translation>
    </message>
    <message>
        <location filename="../../app/session/samples.py" line="90"/>
        <source>The samples database is not open.</source>
        <translation>样本数据库未打开。</translation>
    </message>
    <message>
        <location filename="../../app/session/samples.py" line="100"/>
        <source>The sample was not saved: %1</source>
        <translation>样本未保存：%1</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="70"/>
        <source>The clipboard holds no image to paste.</source>
        <translation>剪贴板中没有可粘贴的图像。</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="85"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="91"/>
        <source>Open an image of a digit</source>
        <translation>打开数字图像</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="93"/>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="100"/>
        <source>Export feature maps</source>
        <translation>导出特征图</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="106"/>
        <source>Export canvas</source>
        <translation>导出画布</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="115"/>
        <source>Draw a digit first, then say what it is.</source>
        <translation>请先写一个数字，再说明它是几。</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="125"/>
        <source>Added to your samples as %1; fine-tune in the Train tab.</source>
        <translation>已作为 %1 加入你的样本；请在“训练”页微调。</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="137"/>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="147"/>
        <source>Wrong? The right digit is…</source>
        <translation>错了？正确的数字是…</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="139"/>
        <source>%1 — wrong? The right digit is…</source>
        <translation>%1 —— 认错了？正确的数字是…</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="145"/>
        <source>It is %1</source>
        <translation>它是 %1</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="146"/>
        <source>Add the drawing to your samples as %1</source>
        <translation>把这幅画作为 %1 加入你的样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/recognise/sheet_actions.py" line="150"/>
        <source>The prediction was wrong: add the drawing to your samples with the right digit (Ctrl+K)</source>
        <translation>识别错了：把这幅图以正确的数字加入你的样本（Ctrl+K）</translation>
    </message>
</context>
<context>
    <name>SideBySideView</name>
    <message>
        <location filename="../../app/pages/explain/side_by_side.py" line="91"/>
        <source>Classic LeNet-5</source>
        <translation>经典 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/side_by_side.py" line="91"/>
        <source>Modern LeNet-5</source>
        <translation>现代 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/side_by_side.py" line="94"/>
        <source>waiting for a drawing</source>
        <translation>等待绘图</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="231"/>
        <source>%1 map %2</source>
        <translation>%1 特征图 %2</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="290"/>
        <source>How one unit is computed</source>
        <translation>一个单元是如何计算的</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="291"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="292"/>
        <source>Save this view, with the drawing&apos;s numbers, as a PNG image</source>
        <translation>把此视图连同该图的数值保存为 PNG 图像</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="293"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="294"/>
        <source>What it reads:</source>
        <translation>它读取的内容：</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="300"/>
        <source>%1 map %2: the unit</source>
        <translation>%1 特征图 %2：该单元</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="305"/>
        <source>Draw a digit to see the numbers.</source>
        <translation>写一个数字即可看到数值。</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="311"/>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="312"/>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="314"/>
        <source>The kernel one position back</source>
        <translation>卷积核后退一个位置</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="314"/>
        <source>The unit before this one</source>
        <translation>前一个单元</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="317"/>
        <source>The kernel one position on</source>
        <translation>卷积核前进一个位置</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="317"/>
        <source>The unit after this one</source>
        <translation>后一个单元</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="320"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="320"/>
        <source>Sweep across the map</source>
        <translation>在特征图上扫过</translation>
    </message>
    <message>
        <location filename="../../app/pages/explain/step_view.py" line="322"/>
        <source>Slide the kernel across the whole map, one position at a time</source>
        <translation>让卷积核逐个位置滑过整个特征图</translation>
    </message>
</context>
<context>
    <name>SubsamplingTerms</name>
    <message>
        <location filename="../../app/pages/explain/step_parts.py" line="158"/>
        <source>2×2 window of %1 map %2</source>
        <translation>%1 特征图 %2 的 2×2 窗口</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../app/texts.py" line="42"/>
        <source>an %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../app/texts.py" line="43"/>
        <source>a %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../app/texts.py" line="49"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../app/texts.py" line="51"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="172"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="175"/>
        <source>Collect your own samples and fine-tune the model on them (Alt+2)</source>
        <translation>收集你自己的样本并用它们微调模型（Alt+2）</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="190"/>
        <source>Closing stopped: %1</source>
        <translation>关闭已中止：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="215"/>
        <source>Draw a digit first, then add it.</source>
        <translation>请先写一个数字，再添加。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="218"/>
        <source>Choose which digit this is first (buttons 0-9 or the digit keys).</source>
        <translation>请先选择这是哪个数字（按钮 0-9 或数字键）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="228"/>
        <source>Added a %1 to your samples (#%2).</source>
        <translation>已将一个 %1 加入你的样本（#%2）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="234"/>
        <source>Importing samples…</source>
        <translation>正在导入样本…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="238"/>
        <source>Exporting samples…</source>
        <translation>正在导出样本…</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="245"/>
        <source>An import or export is already running.</source>
        <translation>已有导入或导出正在进行。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="272"/>
        <source>There are no samples yet. Draw a few of each digit the model misreads (at least two different digits, ideally five or more of each), add them, then fine-tune.</source>
        <translation>还没有样本。为模型认错的每个数字各写几个（至少两个不同的数字，最好每个五个以上），添加后再微调。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="281"/>
        <source>All your samples are of the digit %1. Add samples of at least one other digit: trained on one digit only, the model would learn to answer %1 to everything.</source>
        <translation>你的所有样本都是数字 %1。请再添加至少一个其他数字的样本：只用一个数字训练，模型会学会对一切都回答 %1。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="289"/>
        <source>No model is loaded yet.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="317"/>
        <source>Fine-tuning did not start: %1</source>
        <translation>微调未开始：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="318"/>
        <source>Fine-tuning stopped, the model in use is unchanged: %1</source>
        <translation>微调已停止，当前模型未改变：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="319"/>
        <source>Your samples could not be read: %1</source>
        <translation>无法读取你的样本：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="320"/>
        <source>Fine-tuning failed, the model in use is unchanged: %1</source>
        <translation>微调失败，当前模型未改变：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="322"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="327"/>
        <source>Cancelled: the model in use was not changed.</source>
        <translation>已取消：当前模型未改变。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="350"/>
        <source>Discarded; still using %1.</source>
        <translation>已丢弃；仍在使用 %1。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="358"/>
        <source>Now using %1.</source>
        <translation>正在使用 %1。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="371"/>
        <source>Draw a sample</source>
        <translation>绘制样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="372"/>
        <source>Your samples</source>
        <translation>你的样本</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="373"/>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="374"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="375"/>
        <source>The last problem</source>
        <translation>最近的问题</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_tab.py" line="377"/>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
</context>
<context>
    <name>TrainingChart</name>
    <message>
        <location filename="../../app/pages/train/training_chart.py" line="166"/>
        <source>The chart cannot be shown: %1. Fine-tuning works without it; the progress bar and the results below are complete.</source>
        <translation>无法显示图表：%1。没有它微调照样可用；进度条和下方的结果都是完整的。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_chart.py" line="170"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_chart.py" line="171"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_chart.py" line="172"/>
        <source>Training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_chart.py" line="173"/>
        <source>Loss and accuracy appear here while a fine-tuning run trains</source>
        <translation>微调训练时，损失和准确率会显示在这里</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/training_chart.py" line="176"/>
        <source>Loss (top) and accuracy on your distorted samples (bottom), smoothed; the dots are the accuracy on your held-out samples after each epoch</source>
        <translation>损失（上）和在你的变形样本上的准确率（下），已平滑；圆点是每轮结束后在你的保留样本上的准确率</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="155"/>
        <source>The import stopped: %1</source>
        <translation>导入已停止：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="158"/>
        <source>Cancelled: what was done before stays.</source>
        <translation>已取消：之前完成的部分保留。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="161"/>
        <source>Exported %1 samples.</source>
        <translation>已导出 %1 个样本。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="163"/>
        <source>Imported %1 images.</source>
        <translation>已导入 %1 张图像。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="167"/>
        <source>Skipped %1:</source>
        <translation>跳过 %1 个：</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="156"/>
        <source>The export stopped: %1</source>
        <translation>导出已停止：%1</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="36"/>
        <source>There is no folder to keep models in; save the model elsewhere (Save as…).</source>
        <translation>没有可以保存模型的文件夹；请把模型保存到别处（另存为…）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="46"/>
        <source>The model could not be saved: %1. It is still here, not lost: free some space and press Keep again, or save it to another folder (Save as…).</source>
        <translation>模型未能保存：%1。它还在这里，没有丢失：请腾出一些空间后再按“保留”，或者把它保存到其他文件夹（另存为…）。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="58"/>
        <source>Kept as “%1”, now in use.</source>
        <translation>已保留为“%1”，正在使用。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="78"/>
        <source>The model could not be saved to %1: %2</source>
        <translation>模型未能保存到 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="86"/>
        <source>Saved to %1. Keep it to use it here, or discard it.</source>
        <translation>已保存到 %1。保留它即可在这里使用，或者放弃它。</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="95"/>
        <source>Save the fine-tuned model</source>
        <translation>保存微调后的模型</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/unkept_result.py" line="97"/>
        <source>Model weights (*.safetensors)</source>
        <translation>模型权重 (*.safetensors)</translation>
    </message>
</context>
<context>
    <name>TransferRunner</name>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="80"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/pages/train/sample_transfers.py" line="106"/>
        <source>Stopping after the current file…</source>
        <translation>处理完当前文件后停止…</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../app/widgets/verdict.py" line="60"/>
        <location filename="../../app/widgets/verdict.py" line="68"/>
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="61"/>
        <source>The network&apos;s answer appears here while you draw.</source>
        <translation>书写时，网络的答案会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="69"/>
        <source>There is no ink on the sheet.</source>
        <translation>画纸上没有笔迹。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="70"/>
        <source>No ink</source>
        <translation>没有笔迹</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="77"/>
        <source>The image could not be read: %1</source>
        <translation>无法读取该图像：%1</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="78"/>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="86"/>
        <source>This does not look like a digit.</source>
        <translation>这看起来不像数字。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="89"/>
        <source>This does not look like a digit. Its closest digit is %1 (%2).</source>
        <translation>这看起来不像数字。最接近的数字是 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="97"/>
        <location filename="../../app/widgets/verdict.py" line="99"/>
        <source>Not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="105"/>
        <source>%1 or %2?</source>
        <translation>%1 还是 %2？</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="107"/>
        <source>Unsure: %1 (%2) or %3 (%4)</source>
        <translation>拿不准：%1（%2）还是 %3（%4）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="113"/>
        <source>Unsure: %1 or %2</source>
        <translation>拿不准：%1 还是 %2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="123"/>
        <source>Unsure: perhaps %1 (%2)</source>
        <translation>拿不准：也许是 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="125"/>
        <source>Unsure: perhaps %1</source>
        <translation>拿不准：也许是 %1</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="132"/>
        <source>%1 with %2 confidence</source>
        <translation>%1，置信度 %2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/verdict.py" line="134"/>
        <source>Read as %1 (%2)</source>
        <translation>识别为 %1（%2）</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../app/window/menus.py" line="198"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="199"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="200"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="201"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="202"/>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="203"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="204"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="205"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="206"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="207"/>
        <source>Which network reads the drawing</source>
        <translation>用哪个网络识别手写内容</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="213"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../app/window/menus.py" line="221"/>
        <source>Switch to %1</source>
        <translation>切换到 %1</translation>
    </message>
</context>
</TS>
