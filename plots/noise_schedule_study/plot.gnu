set encoding utf8
set terminal pngcairo enhanced size 1800,1100 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
# Seed-003 noise-schedule study, exact numbers; data in data.csv (index = N).
set datafile separator comma
pos(y) = (y > 0 ? y : NaN)
set logscale y
set grid xtics ytics mytics lc rgb '#dddddd' lw 1, lc rgb '#f0f0f0' lw 1
set border lw 1.2
set tics nomirror
set xrange [-10.5:10.5]
set xtics -10, 2.5, 10
set format x '%g'
set linetype 1 lc rgb '#0072B2' lw 2 pt 5 ps 0.8 dt solid
set linetype 2 lc rgb '#E69F00' lw 2 pt 9 ps 1.0 dt solid
set linetype 3 lc rgb '#009E73' lw 2 pt 7 ps 0.8 dt solid
set linetype 4 lc rgb 'black'   lw 2.5 dt (10,6)
set linetype 5 lc rgb '#CC79A7' lw 2.5 dt (3,4)
set linetype 6 lc rgb '#E00000' pt 6 ps 1.8 lw 1.5
set multiplot \
    title "Seed 003 noise-schedule study: exact errors vs the Strasman et al. 2024 bounds, d = 50 correlated data\n{/*0.8 dX = -β_a(t)/2 X dt + √β_a dB, β_a: 0.1 → 20 (a = 0: linear), T = 1, π_∞ = N(0, I); exact score; exact recursion, no Monte Carlo; red ring: bound violated}" \
    font ',16'
unset key

# ---- panel (a): index 0, N = 25, KL
set lmargin at screen 0.0550; set rmargin at screen 0.3333
set bmargin at screen 0.5825; set tmargin at screen 0.8800
set title "(a) KL(π_{data} ‖ output), N = 25 steps"
set xlabel 'schedule parameter a'
set ylabel 'KL' offset 1,0
set yrange [0.01166:452.4]
set ytics autofreq
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 0 using 1:($12 > 0 ? pos($3) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($13 > 0 ? pos($4) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($14 > 0 ? pos($5) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:(pos($9)) with lines lt 4, \
     'data.csv' index 0 using 1:(pos($3)) with linespoints lt 1, \
     'data.csv' index 0 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 0 using 1:(pos($5)) with linespoints lt 3

# ---- panel (b): index 1, N = 50, KL
set lmargin at screen 0.3833; set rmargin at screen 0.6617
set bmargin at screen 0.5825; set tmargin at screen 0.8800
set title "(b) KL(π_{data} ‖ output), N = 50 steps"
set xlabel 'schedule parameter a'
unset ylabel
set yrange [0.003148:231.5]
set ytics autofreq
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 1 using 1:($12 > 0 ? pos($3) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($13 > 0 ? pos($4) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($14 > 0 ? pos($5) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:(pos($9)) with lines lt 4, \
     'data.csv' index 1 using 1:(pos($3)) with linespoints lt 1, \
     'data.csv' index 1 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 1 using 1:(pos($5)) with linespoints lt 3

# ---- panel (c): index 2, N = 100, KL
set lmargin at screen 0.7117; set rmargin at screen 0.9900
set bmargin at screen 0.5825; set tmargin at screen 0.8800
set title "(c) KL(π_{data} ‖ output), N = 100 steps"
set xlabel 'schedule parameter a'
unset ylabel
set yrange [0.0008615:121.1]
set ytics autofreq
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 2 using 1:($12 > 0 ? pos($3) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($13 > 0 ? pos($4) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($14 > 0 ? pos($5) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:(pos($9)) with lines lt 4, \
     'data.csv' index 2 using 1:(pos($3)) with linespoints lt 1, \
     'data.csv' index 2 using 1:(pos($4)) with linespoints lt 2, \
     'data.csv' index 2 using 1:(pos($5)) with linespoints lt 3

# ---- panel (d): index 0, N = 25, W2
set lmargin at screen 0.0550; set rmargin at screen 0.3333
set bmargin at screen 0.1700; set tmargin at screen 0.4675
set title "(d) W_2(π_{data}, output), N = 25 steps"
set xlabel 'schedule parameter a'
set ylabel 'W_2' offset 1,0
set yrange [0.07673:1746]
set ytics autofreq
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 0 using 1:($15 > 0 ? pos($6) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($16 > 0 ? pos($7) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($17 > 0 ? pos($8) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($18 > 0 ? pos($6) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($19 > 0 ? pos($7) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:($20 > 0 ? pos($8) : NaN) with points lt 6, \
     'data.csv' index 0 using 1:(pos($10)) with lines lt 4, \
     'data.csv' index 0 using 1:(pos($11)) with lines lt 5, \
     'data.csv' index 0 using 1:(pos($6)) with linespoints lt 1, \
     'data.csv' index 0 using 1:(pos($7)) with linespoints lt 2, \
     'data.csv' index 0 using 1:(pos($8)) with linespoints lt 3

# ---- panel (e): index 1, N = 50, W2
set lmargin at screen 0.3833; set rmargin at screen 0.6617
set bmargin at screen 0.1700; set tmargin at screen 0.4675
set title "(e) W_2(π_{data}, output), N = 50 steps"
set xlabel 'schedule parameter a'
unset ylabel
set yrange [0.04276:999.8]
set ytics autofreq
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 1 using 1:($15 > 0 ? pos($6) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($16 > 0 ? pos($7) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($17 > 0 ? pos($8) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($18 > 0 ? pos($6) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($19 > 0 ? pos($7) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:($20 > 0 ? pos($8) : NaN) with points lt 6, \
     'data.csv' index 1 using 1:(pos($10)) with lines lt 4, \
     'data.csv' index 1 using 1:(pos($11)) with lines lt 5, \
     'data.csv' index 1 using 1:(pos($6)) with linespoints lt 1, \
     'data.csv' index 1 using 1:(pos($7)) with linespoints lt 2, \
     'data.csv' index 1 using 1:(pos($8)) with linespoints lt 3

# ---- panel (f): index 2, N = 100, W2
set lmargin at screen 0.7117; set rmargin at screen 0.9900
set bmargin at screen 0.1700; set tmargin at screen 0.4675
set title "(f) W_2(π_{data}, output), N = 100 steps"
set xlabel 'schedule parameter a'
unset ylabel
set yrange [0.02355:588.9]
set ytics autofreq
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 2 using 1:($15 > 0 ? pos($6) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($16 > 0 ? pos($7) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($17 > 0 ? pos($8) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($18 > 0 ? pos($6) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($19 > 0 ? pos($7) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:($20 > 0 ? pos($8) : NaN) with points lt 6, \
     'data.csv' index 2 using 1:(pos($10)) with lines lt 4, \
     'data.csv' index 2 using 1:(pos($11)) with lines lt 5, \
     'data.csv' index 2 using 1:(pos($6)) with linespoints lt 1, \
     'data.csv' index 2 using 1:(pos($7)) with linespoints lt 2, \
     'data.csv' index 2 using 1:(pos($8)) with linespoints lt 3

# ---- legend (NaN first: a plot of key entries only trips an assertion of gnuplot 5.4)
set lmargin at screen 0.02; set rmargin at screen 0.98
set bmargin at screen 0.005; set tmargin at screen 0.0850
unset title; unset xlabel; unset ylabel; unset logscale; unset grid; unset border; unset tics
set xrange [0:1]; set yrange [0:1]
set key center center horizontal maxcols 3 maxrows 2 Left reverse width 2 samplen 4 spacing 1.3 font ',13'
plot NaN notitle, \
     keyentry with linespoints lt 1 title "exact, EM", \
     keyentry with linespoints lt 2 title "exact, EI (printed scheme)", \
     keyentry with linespoints lt 3 title "exact, EIR", \
     keyentry with lines lt 4 title 'bound: strasman24\_kl (KL row) / strasman24\_w2\_renormalised (W_2 row)', \
     keyentry with lines lt 5 title 'bound: strasman24\_w2\_literal (W_2 row; C_t, L_t, M of π_t)', \
     keyentry with points lt 6 title 'violated (exact > bound)'
unset multiplot
