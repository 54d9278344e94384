set encoding utf8
set terminal pngcairo enhanced size 1400,1465 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
# CDS25 KL bound against the exact KL of EM, EI, EIR; data in data.csv (index = panel).
set datafile separator comma
pos(y) = (y > 0 ? y : NaN)          # log axes: never draw a zero
set logscale xy
set grid xtics ytics mxtics mytics lc rgb '#dddddd' lw 1, lc rgb '#f0f0f0' lw 1
set border lw 1.2
set tics nomirror
set mxtics 10
set ylabel 'KL(π_{data} ‖ law of output)' offset 1,0
set linetype 1 lc rgb '#0072B2' lw 2 pt 5 ps 1.1 dt solid
set linetype 2 lc rgb '#E69F00' lw 2 pt 9 ps 1.3 dt solid
set linetype 3 lc rgb '#009E73' lw 2 pt 7 ps 1.1 dt solid
set linetype 4 lc rgb 'black'   lw 2.5 dt (10,6)
set linetype 5 lc rgb '#E00000' pt 7 ps 2.3
set multiplot \
    title "CDS25 KL bound (seed 000), standard OU, exact score\n{/*0.8 init N(0, I_d); exact mean/covariance recursion, no Monte Carlo; red halo: bound violated (exact KL > E1+E2+E3)}" \
    font ',16'
unset key

# ---- panel (a): index 0 = d1_N(0,0.98), sweep_N
set lmargin at screen 0.0650; set rmargin at screen 0.4875
set bmargin at screen 0.6997; set tmargin at screen 0.9147
set title "(a) d = 1, N(0, 0.98);  T = 2"
set xlabel 'number of steps N'
set xtics auto
set format x '10^{%T}'
set xrange [0.7:1500]
set yrange [7.113e-10:2.758]
set ytics 1e-9, 100
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 0 using 1:($15 > 0 ? pos($2) : NaN) with points lt 5, \
     'data.csv' index 0 using 1:($16 > 0 ? pos($3) : NaN) with points lt 5, \
     'data.csv' index 0 using 1:($17 > 0 ? pos($4) : NaN) with points lt 5, \
     'data.csv' index 0 using 1:(pos($5)) with lines lt 4, \
     'data.csv' index 0 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 0 using 1:(pos($3)) with linespoints lt 2, \
     'data.csv' index 0 using 1:(pos($4)) with linespoints lt 3

# ---- panel (b): index 1 = d50_correlated, sweep_N
set lmargin at screen 0.5625; set rmargin at screen 0.9850
set bmargin at screen 0.6997; set tmargin at screen 0.9147
set title "(b) d = 50, correlated preset: mean 1_d, Σ_{ij} = 1/√(|i−j|+1);  T = 2"
set xlabel 'number of steps N'
set xtics auto
set format x '10^{%T}'
set xrange [0.7:1500]
set yrange [0.05359:443]
set mytics default
set ytics autofreq
set format y '10^{%T}'
plot 'data.csv' index 1 using 1:($15 > 0 ? pos($2) : NaN) with points lt 5, \
     'data.csv' index 1 using 1:($16 > 0 ? pos($3) : NaN) with points lt 5, \
     'data.csv' index 1 using 1:($17 > 0 ? pos($4) : NaN) with points lt 5, \
     'data.csv' index 1 using 1:(pos($5)) with lines lt 4, \
     'data.csv' index 1 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 1 using 1:(pos($3)) with linespoints lt 2, \
     'data.csv' index 1 using 1:(pos($4)) with linespoints lt 3

# ---- panel (c): index 2 = d1_N(0,0.98), sweep_T
set lmargin at screen 0.0650; set rmargin at screen 0.4875
set bmargin at screen 0.4061; set tmargin at screen 0.6212
set title "(c) d = 1, N(0, 0.98);  h = 0.05"
set xlabel 'horizon T  (N = ⌈T/h⌉ steps)'
set xtics ('0.25' 0.25, '0.5' 0.5, '1' 1, '2' 2, '4' 4, '8' 8)
set format x '%g'
set xrange [0.2:10]
set yrange [3.503e-07:0.001076]
set mytics default
set ytics autofreq
set format y '10^{%T}'
plot 'data.csv' index 2 using 1:($15 > 0 ? pos($2) : NaN) with points lt 5, \
     'data.csv' index 2 using 1:($16 > 0 ? pos($3) : NaN) with points lt 5, \
     'data.csv' index 2 using 1:($17 > 0 ? pos($4) : NaN) with points lt 5, \
     'data.csv' index 2 using 1:(pos($5)) with lines lt 4, \
     'data.csv' index 2 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 2 using 1:(pos($3)) with linespoints lt 2, \
     'data.csv' index 2 using 1:(pos($4)) with linespoints lt 3

# ---- panel (d): index 3 = d50_correlated, sweep_T
set lmargin at screen 0.5625; set rmargin at screen 0.9850
set bmargin at screen 0.4061; set tmargin at screen 0.6212
set title "(d) d = 50, correlated preset: mean 1_d, Σ_{ij} = 1/√(|i−j|+1);  h = 0.05"
set xlabel 'horizon T  (N = ⌈T/h⌉ steps)'
set xtics ('0.25' 0.25, '0.5' 0.5, '1' 1, '2' 2, '4' 4, '8' 8)
set format x '%g'
set xrange [0.2:10]
set yrange [0.1468:52.89]
set mytics default
set ytics (0.2, 0.5, 1, 2, 5, 10, 20, 50)
set format y '%g'
plot 'data.csv' index 3 using 1:($15 > 0 ? pos($2) : NaN) with points lt 5, \
     'data.csv' index 3 using 1:($16 > 0 ? pos($3) : NaN) with points lt 5, \
     'data.csv' index 3 using 1:($17 > 0 ? pos($4) : NaN) with points lt 5, \
     'data.csv' index 3 using 1:(pos($5)) with lines lt 4, \
     'data.csv' index 3 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 3 using 1:(pos($3)) with linespoints lt 2, \
     'data.csv' index 3 using 1:(pos($4)) with linespoints lt 3

# ---- panel (e): index 4 = d1_N(0,0.98), sweep_eps
set lmargin at screen 0.0650; set rmargin at screen 0.4875
set bmargin at screen 0.1126; set tmargin at screen 0.3276
set title "(e) d = 1, N(0, 0.98);  T = 2, N = 100"
set xlabel 'additive error ε of ∇log p  (CDS25 bounds the error of s̃ = 2∇log p: E2 = 4Tε²)'
set xtics auto
set format x '10^{%T}'
set xrange [7e-4:1.5]
set yrange [9.886e-07:12.8]
set ytics 1e-6, 100
set mytics 10
set format y '10^{%T}'
plot 'data.csv' index 4 using 1:($15 > 0 ? pos($2) : NaN) with points lt 5, \
     'data.csv' index 4 using 1:($16 > 0 ? pos($3) : NaN) with points lt 5, \
     'data.csv' index 4 using 1:($17 > 0 ? pos($4) : NaN) with points lt 5, \
     'data.csv' index 4 using 1:(pos($5)) with lines lt 4, \
     'data.csv' index 4 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 4 using 1:(pos($3)) with linespoints lt 2, \
     'data.csv' index 4 using 1:(pos($4)) with linespoints lt 3

# ---- panel (f): index 5 = heteroscedastic_d, sweep_d
set lmargin at screen 0.5625; set rmargin at screen 0.9850
set bmargin at screen 0.1126; set tmargin at screen 0.3276
set title "(f) heteroscedastic preset (variances 1, 0.01, 1, 1, 1, …);  T = 2, N = 100"
set xlabel 'dimension d'
set xtics (1, 2, 5, 10, 20, 50)
set format x '%g'
set xrange [0.8:65]
set yrange [0.000156:34.23]
set mytics default
set ytics autofreq
set format y '10^{%T}'
plot 'data.csv' index 5 using 1:($15 > 0 ? pos($2) : NaN) with points lt 5, \
     'data.csv' index 5 using 1:($16 > 0 ? pos($3) : NaN) with points lt 5, \
     'data.csv' index 5 using 1:($17 > 0 ? pos($4) : NaN) with points lt 5, \
     'data.csv' index 5 using 1:(pos($5)) with lines lt 4, \
     'data.csv' index 5 using 1:(pos($2)) with linespoints lt 1, \
     'data.csv' index 5 using 1:(pos($3)) with linespoints lt 2, \
     'data.csv' index 5 using 1:(pos($4)) with linespoints lt 3

# ---- legend (NaN first: a plot of key entries only trips an assertion of gnuplot 5.4)
set lmargin at screen 0.02; set rmargin at screen 0.98
set bmargin at screen 0.005; set tmargin at screen 0.0580
unset title; unset xlabel; unset ylabel; unset logscale; unset grid; unset border; unset tics
set xrange [0:1]; set yrange [0:1]
# filled column by column: row 1 = EM, EI, EIR; row 2 = bound, violated
set key center center horizontal maxcols 3 maxrows 2 Left reverse width 3 samplen 4 spacing 1.4 font ',13'
plot NaN notitle, \
     keyentry with linespoints lt 1 title "exact KL, EM (printed scheme)", \
     keyentry with lines lt 4 title 'CDS25 bound E1+E2+E3', \
     keyentry with linespoints lt 2 title "exact KL, EI", \
     keyentry with points lt 5 title 'violated (exact > bound)', \
     keyentry with linespoints lt 3 title "exact KL, EIR (CDS25's scheme)"
unset multiplot
