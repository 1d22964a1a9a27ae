<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColorLegend</name>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="276"/>
        <source>−max (negative)</source>
        <translation>−最大值（负）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="277"/>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="278"/>
        <source>+max (positive)</source>
        <translation>+最大值（正）</translation>
    </message>
</context>
<context>
    <name>FeatureMapsView</name>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="349"/>
        <location filename="../../app/widgets/feature_maps.py" line="354"/>
        <source>convolution 5×5</source>
        <translation>卷积 5×5</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="350"/>
        <location filename="../../app/widgets/feature_maps.py" line="356"/>
        <source>subsampling 2×2</source>
        <translation>下采样 2×2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="352"/>
        <source>convolution 5×5, partial connections</source>
        <translation>卷积 5×5，部分连接</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="357"/>
        <location filename="../../app/widgets/feature_maps.py" line="358"/>
        <source>units</source>
        <translation>个单元</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="363"/>
        <source>RBF penalties (lower is better)</source>
        <translation>RBF 惩罚值（越低越好）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="363"/>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="367"/>
        <source>Hover a map for its details; click it to enlarge it with its kernels.</source>
        <translation>悬停在特征图上查看详情；点击可放大并查看其卷积核。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="369"/>
        <source>Each layer is scaled to ± its own largest absolute value, so its maps can be compared.</source>
        <translation>每层按其自身最大绝对值缩放到 ±范围，便于比较同一层的特征图。</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="186"/>
        <source>%1 maps %2×%3</source>
        <translation>%1 张特征图 %2×%3</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="231"/>
        <source>%1 unit %2: %3</source>
        <translation>%1 单元 %2：%3</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="238"/>
        <source>%1 map %2 of %3</source>
        <translation>%1 特征图 %2（共 %3 张）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="242"/>
        <source>shape %1×%2</source>
        <translation>形状 %1×%2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="243"/>
        <source>values %1 … %2</source>
        <translation>取值 %1 … %2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="249"/>
        <source>fed by S2 maps %1</source>
        <translation>输入来自 S2 特征图 %1</translation>
    </message>
    <message>
        <location filename="../../app/widgets/feature_maps.py" line="250"/>
        <source>click to enlarge with its kernels</source>
        <translation>点击放大并查看卷积核</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/main_window.py" line="347"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="373"/>
        <source>The clipboard holds no image to paste.</source>
        <translation>剪贴板中没有可粘贴的图像。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="381"/>
        <location filename="../../app/main_window.py" line="387"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="439"/>
        <source>The dropped or pasted data is not an image.</source>
        <translation>拖放或粘贴的数据不是图像。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="443"/>
        <location filename="../../app/main_window.py" line="535"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="459"/>
        <source>No digit found in %1.</source>
        <translation>在 %1 中没有找到数字。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="466"/>
        <source>Could not read the image: %1</source>
        <translation>无法读取图像：%1</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="468"/>
        <source>Recognition failed: %1</source>
        <translation>识别失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="478"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="527"/>
        <source>Could not switch the model or device: %1</source>
        <translation>无法切换模型或设备：%1</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="568"/>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="572"/>
        <source>Classic LeNet-5 (1998)</source>
        <translation>经典 LeNet-5（1998）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="574"/>
        <source>Modern LeNet-5</source>
        <translation>现代 LeNet-5</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="575"/>
        <source>Fine-tuned: %1</source>
        <translation>微调模型：%1</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="580"/>
        <source>Open an image of a digit</source>
        <translation>打开数字图像</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="582"/>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="589"/>
        <source>Export feature maps</source>
        <translation>导出特征图</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="595"/>
        <source>Export canvas</source>
        <translation>导出画布</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="91"/>
        <location filename="../../app/main_window.py" line="604"/>
        <source>About LeNet Digits</source>
        <translation>关于 LeNet Digits</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="605"/>
        <source>LeNet Digits %1
Draw a digit and watch LeNet-5 read it, layer by layer.</source>
        <translation>LeNet Digits %1
写一个数字，逐层观看 LeNet-5 如何识别它。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="612"/>
        <source>LeNet Digits</source>
        <translation>LeNet Digits 手写数字</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="29"/>
        <source>&amp;Open image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="30"/>
        <source>Recognise a digit from an image file</source>
        <translation>识别图像文件中的数字</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="34"/>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="35"/>
        <source>Recognise the image on the clipboard</source>
        <translation>识别剪贴板中的图像</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="39"/>
        <source>Export &amp;feature maps…</source>
        <translation>导出特征图(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="40"/>
        <source>Save the current feature maps as PNG</source>
        <translation>将当前特征图保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="44"/>
        <source>Export &amp;canvas…</source>
        <translation>导出画布(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="45"/>
        <source>Save the drawing as PNG</source>
        <translation>将画布保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="49"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="50"/>
        <source>Close LeNet Digits</source>
        <translation>关闭 LeNet Digits</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="54"/>
        <source>&amp;Undo stroke</source>
        <translation>撤销笔画(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="55"/>
        <source>Take back the last stroke</source>
        <translation>撤销最后一笔</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="59"/>
        <source>&amp;Redo stroke</source>
        <translation>重做笔画(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="60"/>
        <source>Put back the stroke taken back</source>
        <translation>恢复刚撤销的笔画</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="64"/>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="65"/>
        <source>Start again on an empty sheet (Esc, Delete)</source>
        <translation>清空画布重新开始（Esc、Delete）</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="69"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="70"/>
        <source>Erase with the pen (the right mouse button always erases)</source>
        <translation>用笔擦除（鼠标右键始终为擦除）</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="75"/>
        <source>Pen &amp;wider</source>
        <translation>笔变粗(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="76"/>
        <source>Make the pen wider</source>
        <translation>让笔更粗</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="80"/>
        <source>Pen &amp;thinner</source>
        <translation>笔变细(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="81"/>
        <source>Make the pen thinner</source>
        <translation>让笔更细</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="85"/>
        <source>&amp;Rescan fine-tuned models</source>
        <translation>重新扫描微调模型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="86"/>
        <source>List models saved by the training tab</source>
        <translation>列出训练页保存的模型</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="90"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="99"/>
        <source>&amp;Automatic (GPU if present)</source>
        <translation>自动（有 GPU 时使用 GPU）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="100"/>
        <source>Use a GPU when there is one, else the CPU</source>
        <translation>有 GPU 时使用 GPU，否则使用 CPU</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="105"/>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="106"/>
        <source>Run the network on the CPU</source>
        <translation>在 CPU 上运行网络</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="111"/>
        <source>C&amp;UDA GPU</source>
        <translation>C&amp;UDA GPU</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="112"/>
        <source>Run the network on the NVIDIA GPU</source>
        <translation>在 NVIDIA GPU 上运行网络</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="117"/>
        <source>&amp;Apple GPU (MPS)</source>
        <translation>Apple GPU（MPS）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="118"/>
        <source>Run the network on the Apple GPU</source>
        <translation>在 Apple GPU 上运行网络</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="126"/>
        <source>&amp;System language</source>
        <translation>跟随系统语言(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/actions.py" line="127"/>
        <source>Follow the system&apos;s language</source>
        <translation>跟随操作系统的语言</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="616"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="617"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="618"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="619"/>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="620"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="621"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="622"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="625"/>
        <source>Draw a digit: left button (or pen, or finger) draws, right button erases. Drop an image here.</source>
        <translation>在此写一个数字：左键（或手写笔、手指）书写，右键擦除。也可以把图像拖放到这里。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="628"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="629"/>
        <source>Which network reads the drawing</source>
        <translation>用哪个网络识别手写内容</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="630"/>
        <source>Pen width, in % of the canvas side ([ and ])</source>
        <translation>笔宽，占画布边长的百分比（[ 和 ]）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="631"/>
        <source>The network in use</source>
        <translation>正在使用的网络</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="632"/>
        <source>Where the network runs</source>
        <translation>网络运行的设备</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="633"/>
        <source>Time of the last inference, preprocessing included</source>
        <translation>上一次推理耗时（含预处理）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="634"/>
        <source>The last problem; it goes away with your next action</source>
        <translation>最近的问题；下一次操作后消失</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="635"/>
        <source>Every layer&apos;s feature maps, from the same forward pass</source>
        <translation>同一次前向传播中每一层的特征图</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="641"/>
        <source>Pen %1 %</source>
        <translation>笔宽 %1 %</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="650"/>
        <source>Switch to %1</source>
        <translation>切换到 %1</translation>
    </message>
</context>
<context>
    <name>MapDetailDialog</name>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="100"/>
        <source>%1 map %2</source>
        <translation>%1 特征图 %2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="104"/>
        <source>%1 map %2: nothing drawn</source>
        <translation>%1 特征图 %2：尚未书写</translation>
    </message>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="108"/>
        <source>%1 map %2, %3×%4, values %5 … %6</source>
        <translation>%1 特征图 %2，%3×%4，取值 %5 … %6</translation>
    </message>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="118"/>
        <source>No kernel: this layer subsamples (2×2) the layer before it.</source>
        <translation>没有卷积核：这一层对上一层做 2×2 下采样。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="123"/>
        <source>Kernels %1×%2, one per %3 map feeding it:</source>
        <translation>%1×%2 卷积核，每个输入的 %3 特征图一个：</translation>
    </message>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="134"/>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location filename="../../app/widgets/map_detail.py" line="137"/>
        <source>S2 %1: not connected</source>
        <translation>S2 %1：未连接</translation>
    </message>
</context>
<context>
    <name>NetworkInputView</name>
    <message>
        <location filename="../../app/widgets/network_input.py" line="41"/>
        <source>What the network sees (32×32)</source>
        <translation>网络看到的输入（32×32）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/network_input.py" line="44"/>
        <source>Your drawing after MNIST&apos;s preprocessing: size-normalised to 20×20, centred by mass, padded to 32×32.</source>
        <translation>按 MNIST 方式预处理后的手写内容：大小归一化到 20×20，按质心居中，填充到 32×32。</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="107"/>
        <source>Draw a digit</source>
        <translation>请写一个数字</translation>
    </message>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="109"/>
        <source>The network&apos;s answer appears here while you draw.</source>
        <translation>书写时，网络的答案会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="118"/>
        <source>Uncertain: perhaps %1 (%2)</source>
        <translation>不确定：可能是 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="122"/>
        <source>%1 with %2 confidence</source>
        <translation>%1，置信度 %2</translation>
    </message>
    <message>
        <location filename="../../app/widgets/probabilities.py" line="128"/>
        <source>The ten class probabilities; below %1 % the answer is shown as uncertain.</source>
        <translation>十个类别的概率；低于 %1 % 时答案显示为不确定。</translation>
    </message>
</context>
</TS>
